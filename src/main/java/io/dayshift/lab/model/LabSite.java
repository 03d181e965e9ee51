package io.dayshift.lab.model;

import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.PowerState;
import io.dayshift.site.Flavour;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One simulated site, all in memory: a front over one state class per simulated service — {@link #maas() MAAS},
 * {@link #nova() Nova and Placement}, {@link #neutron() Neutron}, {@link #cinder() Cinder}, {@link #keystone() Keystone},
 * {@link #juju() the Juju model} (charmed), {@link #kolla() the Kolla deployer and the hosts' files} (kolla),
 * {@link #ceph() Ceph} and {@link #backup() backups}. Callers name the service: {@code site.nova().startLiveMigration(...)}.
 * The front keeps what they share: the site's hosts, the clock and timings, the faults, the counts of changing actions and
 * the site's one sequence.
 *
 * <p>Thread-safe: every public method, of the front or of a service, holds the site's one lock (its monitor). Values
 * returned are immutable snapshots as they are at the moment of reading. Operations that take time (commissioning, a live
 * migration, a unit becoming active, a kolla-ansible run) are recorded with the simulated instant they end, taken from
 * {@link LabTimings}; the site advances lazily, at the start of every call, to the {@link Clock}'s now, every service at
 * once. Nothing runs in the background.
 *
 * <p>Every call that changes the cloud counts one in {@link #destructiveActions()}, under its operation name, so that
 * tests can prove a runbook did something exactly once. Failures come from {@link #injectFault injected faults}.
 * Refusals are {@link LabException}s worded like the real service.
 */
public final class LabSite {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    final String name;
    final Flavour flavour;
    private final Clock clock;
    final LabTimings timings;
    String openstackRelease = "";
    final Map<String, LabNode> nodes = new LinkedHashMap<>();

    // faults and counters
    final List<LabFault> faults = new ArrayList<>();
    private final Map<String, Long> destructive = new TreeMap<>();
    private final Map<String, Map<String, Long>> destructiveByTarget = new TreeMap<>();

    /** The target of an action on the whole site (a Ceph flag, a boot without a host). */
    public static final String WHOLE_SITE = "(site)";
    private int sequence;
    /** The operations performed, oldest first, at most {@value #OPERATIONS_KEPT} (the oldest are forgotten first). */
    private final java.util.ArrayDeque<SimulatedOperation> operations = new java.util.ArrayDeque<>();
    static final int OPERATIONS_KEPT = 100_000;

    private final MaasState maas = new MaasState(this);
    private final NovaState nova = new NovaState(this);
    private final NeutronState neutron = new NeutronState(this);
    private final CinderState cinder = new CinderState(this);
    private final KeystoneState keystone = new KeystoneState(this);
    private final JujuState juju = new JujuState(this);
    private final KollaState kolla = new KollaState(this);
    private final CephState ceph = new CephState(this);
    private final BackupState backup = new BackupState(this);

    public LabSite(String name, Flavour flavour, Clock clock, LabTimings timings) {
        this.name = name;
        this.flavour = flavour;
        this.clock = clock;
        this.timings = timings;
    }

    /** The MAAS region: machines, tags, commissioning and testing. */
    public MaasState maas() {
        return maas;
    }

    /** Nova and Placement: hypervisors, flavors, instances, server groups, aggregates, migrations, compute services, images. */
    public NovaState nova() {
        return nova;
    }

    /** Neutron: agents, security groups, floating IPs, ports, networks. */
    public NeutronState neutron() {
        return neutron;
    }

    /** Cinder: volume services. */
    public CinderState cinder() {
        return cinder;
    }

    /** Keystone: users. */
    public KeystoneState keystone() {
        return keystone;
    }

    /** The Juju model (charmed sites): applications, units, machines. */
    public JujuState juju() {
        return juju;
    }

    /** The Kolla deployer and the hosts' files: runs, containers, detached runs. */
    public KollaState kolla() {
        return kolla;
    }

    /** The Ceph cluster. */
    public CephState ceph() {
        return ceph;
    }

    /** Backups taken, restored and archived. */
    public BackupState backup() {
        return backup;
    }

    /** The next number of the site's one sequence (fault ids, action ids). */
    int nextSequence() {
        return ++sequence;
    }

    public String name() {
        return name;
    }

    public Flavour flavour() {
        return flavour;
    }

    public LabTimings timings() {
        return timings;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The simulated duration of an operation on this site. */
    public Duration duration(LabOperation op) {
        return timings.of(op);
    }

    /** Records an operation that begins now on {@code target} and returns its simulated duration (for operations a command waits out). */
    public synchronized Duration perform(LabOperation op, String target) {
        return record(op, target, now()).duration();
    }

    /** Every operation performed in simulated time, oldest first (the last {@value #OPERATIONS_KEPT}). */
    public synchronized List<SimulatedOperation> operations() {
        return List.copyOf(operations);
    }

    /** The OpenStack release: {@code openstack_release} of globals.yml on a kolla site, the topology's on a charmed one. */
    public synchronized String openstackRelease() {
        if (flavour == Flavour.KOLLA) {
            return kolla.globalsRelease().orElse(openstackRelease);
        }
        return openstackRelease;
    }

    /** The servers of the cloud, by host name. */
    public synchronized List<LabNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public synchronized Optional<LabNode> node(String hostname) {
        return Optional.ofNullable(nodes.get(hostname));
    }

    /** How many times each changing operation ran, by name ({@code live-migration}, {@code kolla-deploy}, {@code juju-add-unit}…). */
    public synchronized Map<String, Long> destructiveActions() {
        return Map.copyOf(destructive);
    }

    /** What {@link #destructiveActions()} counts, per target: operation name → target → times ({@value #WHOLE_SITE} for the whole site). */
    public synchronized Map<String, Map<String, Long>> destructiveActionsByTarget() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        destructiveByTarget.forEach((action, targets) -> copy.put(action, java.util.Collections.unmodifiableMap(new TreeMap<>(targets))));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** The site's state as JSON, as a lab that keeps its state writes it to disk ({@link SiteState}). */
    public synchronized String state() {
        advance();
        return SiteState.write(this);
    }

    /** Puts back what {@link #state()} wrote: the site as it was, on a site loaded from the same topology. */
    public synchronized void restore(String state) {
        SiteState.read(this, state);
    }

    /** Adds a fault; the returned copy carries its id. */
    public synchronized LabFault injectFault(LabFault fault) {
        LabFault stored = fault.withId("f" + nextSequence());
        faults.add(stored);
        return stored;
    }

    public synchronized List<LabFault> faults() {
        return List.copyOf(faults);
    }

    public synchronized boolean removeFault(String id) {
        return faults.removeIf(f -> f.id().equals(id));
    }

    /** Removes every fault; returns how many there were. */
    public synchronized int clearFaults() {
        int n = faults.size();
        faults.clear();
        return n;
    }

    /** Removes the faults of these types set on exactly this target (a cause that went away). */
    void removeFaults(String target, FaultType... types) {
        Set<FaultType> kinds = Set.of(types);
        faults.removeIf(f -> kinds.contains(f.type()) && f.target().equals(target));
    }

    /** A fault of this type applying to one of the candidates, consumed once if it fires a limited number of times. */
    Optional<LabFault> fire(FaultType type, String... candidates) {
        for (int i = 0; i < faults.size(); i++) {
            LabFault f = faults.get(i);
            if (f.type() == type && f.appliesTo(candidates)) {
                if (f.times() == 1) {
                    faults.remove(i);
                } else if (f.times() > 1) {
                    faults.set(i, f.fired());
                }
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** A state fault (not consumed). */
    Optional<LabFault> holds(FaultType type, String... candidates) {
        return faults.stream().filter(f -> f.type() == type && f.appliesTo(candidates)).findFirst();
    }

    boolean holdsExactly(FaultType type, String candidate) {
        return faults.stream().anyMatch(f -> f.type() == type && f.target().equals(candidate));
    }

    /** Counts one changing action on its target (a host, a machine, a server, a unit, a file…; blank: the whole site). */
    void count(String action, String target) {
        destructive.merge(action, 1L, Long::sum);
        destructiveByTarget.computeIfAbsent(action, a -> new TreeMap<>())
                .merge(target == null || target.isBlank() ? WHOLE_SITE : target, 1L, Long::sum);
    }

    /** When {@code op}, beginning now on {@code target}, ends; recorded in {@link #operations()}. */
    Instant due(LabOperation op, String target) {
        return dueFrom(now(), op, target);
    }

    /** When {@code op}, beginning at {@code start} on {@code target}, ends; recorded in {@link #operations()}. */
    Instant dueFrom(Instant start, LabOperation op, String target) {
        SimulatedOperation done = record(op, target, start);
        return start.plus(done.duration());
    }

    private SimulatedOperation record(LabOperation op, String target, Instant start) {
        SimulatedOperation done = new SimulatedOperation(op, target == null ? "" : target, start, timings.of(op));
        if (operations.size() == OPERATIONS_KEPT) {
            operations.removeFirst();
        }
        operations.addLast(done);
        return done;
    }

    boolean reached(Instant instant) {
        return instant != null && !now().isBefore(instant);
    }

    /** Ends every operation whose simulated time is up, in order of kind. */
    void advance() {
        maas.advanceMachines();
        juju.advanceModel();
        nova.advanceMigrations();
        kolla.advanceRuns();
        nova.advanceServerBuilds(); // OpenStack API (io.dayshift.lab.openstack)
    }

    /** A host can be reached when it is a node whose MAAS machine (if any) is Deployed and powered on, and no fault cuts it off. */
    boolean reachable(String host) {
        if (host.equals("localhost")) {
            return true; // the deployer itself ([deployment] in the inventory)
        }
        if (!nodes.containsKey(host) || holdsExactly(FaultType.HOST_UNREACHABLE, host)) {
            return false;
        }
        return powered(host);
    }

    boolean powered(String host) {
        return maas.machines.values().stream().filter(m -> m.hostname().equals(host)).findFirst()
                .map(m -> m.status() == MachineStatus.DEPLOYED && m.powerState() == PowerState.ON).orElse(true);
    }

    boolean hostDown(String host) {
        return !powered(host) || holdsExactly(FaultType.HYPERVISOR_DOWN, host) || kolla.stoppedHosts.contains(host);
    }

    /** Whether SSH to a node (from the deployer) would connect. */
    public synchronized boolean nodeReachable(String host) {
        advance();
        return reachable(host);
    }

    /** Whether the OpenStack API of a service type is down (fault api-down); a fault limited to {@code times} requests is used up by each. */
    public synchronized boolean apiDown(String serviceType) {
        return fire(FaultType.API_DOWN, serviceType).isPresent();
    }

    /** Builds a site from a topology; not for use once the site is served. */
    public LabSiteBuilder builder() {
        return new LabSiteBuilder(this);
    }

    String uuid(String kind, String key) {
        return UUID.nameUUIDFromBytes((name + "/" + kind + "/" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
