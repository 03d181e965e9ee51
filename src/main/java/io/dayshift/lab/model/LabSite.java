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

    Instant due(LabOperation op) {
        return now().plus(timings.of(op));
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
    public Builder builder() {
        return new Builder();
    }

    /** Seeds a site. Each method adds one thing as it is at the start, without counting it as an action. */
    public final class Builder {

        private Builder() {
        }

        public LabSite site() {
            return LabSite.this;
        }

        public Builder openstackRelease(String release) {
            openstackRelease = release;
            return this;
        }

        public Builder allocationRatios(double cpu, double ram, double disk) {
            nova.defaultRatios = new double[] {cpu, ram, disk};
            return this;
        }

        public Builder node(LabNode node) {
            nodes.put(node.hostname(), node);
            kolla.deployedHosts.add(node.hostname());
            kolla.hostReleases.put(node.hostname(), openstackRelease);
            return this;
        }

        public Builder machine(MaasMachine machine) {
            maas.machines.put(machine.systemId(), machine);
            maas.maasTags.addAll(machine.tags());
            return this;
        }

        public Builder hypervisor(String host, String zone, int vcpus, long ramMib, long diskGib) {
            int id = nova.hypervisors.size() + 1;
            nova.hypervisors.put(host, new Hypervisor(id, uuid("service", host), host, zone, vcpus, ramMib, diskGib, nova.defaultRatios[0], nova.defaultRatios[1],
                    nova.defaultRatios[2], true, "", false, true));
            return this;
        }

        public Builder disabledComputeService(String host, String reason) {
            Hypervisor h = nova.hypervisors.get(host);
            nova.hypervisors.put(host, h.withService(false, reason, false));
            return this;
        }

        public Builder flavor(Flavor flavor) {
            nova.flavors.put(flavor.name(), flavor);
            return this;
        }

        public Builder aggregate(String name, List<String> hosts, Map<String, String> metadata) {
            int id = nova.aggregates.size() + 1;
            nova.aggregates.add(new HostAggregate(id, uuid("aggregate", name), name, hosts, metadata));
            return this;
        }

        public Builder serverGroup(ServerGroup group) {
            nova.serverGroups.put(group.id(), group);
            return this;
        }

        public Builder instance(Instance instance) {
            nova.instances.put(instance.id(), instance);
            return this;
        }

        public Builder agent(String type, String binary, String host, String zone) {
            neutron.addAgent(type, binary, host, zone);
            return this;
        }

        public Builder volumeService(String binary, String host, String zone) {
            cinder.volumeServices.add(new VolumeService(binary, host, zone, true, true));
            return this;
        }

        public Builder user(KeystoneUser user) {
            keystone.users.put(user.id(), user);
            return this;
        }

        public Builder securityGroup(SecurityGroup group) {
            neutron.securityGroups.put(group.id(), group);
            return this;
        }

        public Builder floatingIp(FloatingIp ip) {
            neutron.floatingIps.put(ip.id(), ip);
            return this;
        }

        public Builder port(Port port) {
            neutron.ports.put(port.id(), port);
            return this;
        }

        public Builder backup(String kind, String host, String location, Instant takenAt, long size) {
            Backup b = new Backup("b" + (backup.backups.size() + 1), kind, host, location, takenAt, size, ServiceState.sha256(name + kind + location + takenAt));
            backup.backups.add(b);
            if (location.startsWith("volume:mariadb_backup/")) { // the file in the volume, as a run of mariadb_backup leaves it
                kolla.files.put(backup.MARIADB_BACKUP_VOLUME + "/" + location.substring("volume:mariadb_backup/".length()), new LabFile("mariabackup xbstream " + b.sha256(), size));
            }
            return this;
        }

        public Builder ceph(String fsid, List<String> monitors, Map<String, Integer> osdsByHost) {
            ceph.cephFsid = fsid;
            ceph.cephMonitors.addAll(monitors);
            ceph.cephOsdsByHost.putAll(osdsByHost);
            return this;
        }

        public Builder juju(String version, String model) {
            juju.jujuVersion = version;
            juju.jujuModel = model;
            return this;
        }

        public Builder application(JujuApplication app) {
            juju.applications.put(app.name(), app);
            return this;
        }

        public Builder jujuMachine(JujuMachine machine) {
            juju.jujuMachines.put(machine.id(), machine);
            if (!machine.container()) {
                juju.nextMachineId = Math.max(juju.nextMachineId, Integer.parseInt(machine.id()) + 1);
            }
            return this;
        }

        /** A settled unit (and the units of the application's subordinates beside it). */
        public Builder unit(String application, String machineId) {
            JujuApplication app = juju.applications.get(application);
            JujuUnit unit = juju.newUnit(app, machineId, "", null);
            for (JujuApplication sub : juju.applications.values()) {
                if (sub.subordinateTo().contains(application)) {
                    juju.newUnit(sub, machineId, unit.name(), null);
                }
            }
            return this;
        }

        public Builder kolla(String version, String inventory, String inventoryText, String globals, String globalsText) {
            kolla.kollaAnsibleVersion = version;
            kolla.inventoryPath = inventory;
            kolla.globalsPath = globals;
            kolla.files.put(inventory, LabFile.text(inventoryText));
            kolla.files.put(globals, LabFile.text(globalsText));
            return this;
        }

        public Builder file(String path, String content) {
            kolla.files.put(path, LabFile.text(content));
            return this;
        }

        public Builder fault(LabFault fault) {
            injectFault(fault);
            return this;
        }

        /** A stable id for seeded objects: a name-based UUID within this site. */
        public String id(String kind, String key) {
            return uuid(kind, key);
        }
    }

    String uuid(String kind, String key) {
        return UUID.nameUUIDFromBytes((name + "/" + kind + "/" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
