package io.dayshift.lab.model;

import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.PowerState;
import io.dayshift.machine.ScriptPhase;
import io.dayshift.machine.ScriptStatus;
import io.dayshift.site.Flavour;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated site: its MAAS machines, Nova, Neutron, Cinder and Keystone state, its Juju model (charmed) or its
 * deployer's files and containers (kolla), its Ceph cluster and its backups, all in memory.
 *
 * <p>Thread-safe: every method holds the site's lock. Values returned are immutable snapshots as they are at the
 * moment of reading. Operations that take time (commissioning, a live migration, a unit becoming active, a
 * kolla-ansible run) are recorded with the simulated instant they end, taken from {@link LabTimings}; the site
 * advances lazily, at the start of every call, to the {@link Clock}'s now. Nothing runs in the background.
 *
 * <p>Every call that changes the cloud counts one in {@link #destructiveActions()}, under its operation name, so that
 * tests can prove a runbook did something exactly once. Failures come from {@link #injectFault injected faults}.
 * Refusals are {@link LabException}s worded like the real service.
 */
public final class LabSite {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern RELEASE = Pattern.compile("(?m)^openstack_release\\s*:\\s*[\"']?([^\"'\\s#]+)");
    private static final Map<String, String> NOVA_VERSIONS = Map.of("2023.1", "27.1.0", "2023.2", "28.0.1", "2024.1", "29.0.1",
            "2024.2", "30.0.0", "2025.1", "31.0.0");
    private static final List<String> COMMISSIONING_SCRIPTS = List.of("00-maas-00-support-info", "00-maas-01-cpuinfo", "00-maas-02-virtuality",
            "00-maas-03-install-lldpd", "20-maas-01-install-lldpd", "30-maas-01-bmc-config", "50-maas-01-commissioning");

    private final String name;
    private final Flavour flavour;
    private final Clock clock;
    private final LabTimings timings;

    private String openstackRelease = "";
    private double[] defaultRatios = {4.0, 1.0, 1.0};
    private final Map<String, LabNode> nodes = new LinkedHashMap<>();
    private final Map<String, MaasMachine> machines = new LinkedHashMap<>();
    private final Set<String> maasTags = new LinkedHashSet<>();
    private final Map<String, Hypervisor> hypervisors = new LinkedHashMap<>();
    private final Map<String, Flavor> flavors = new LinkedHashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, ServerGroup> serverGroups = new LinkedHashMap<>();
    private final List<HostAggregate> aggregates = new ArrayList<>();
    private final List<Migration> migrations = new ArrayList<>();
    private final Map<String, InstanceStatus> statusBeforeResize = new HashMap<>();
    private final Map<String, NetworkAgent> agents = new LinkedHashMap<>();
    private final List<VolumeService> volumeServices = new ArrayList<>();
    private final Map<String, KeystoneUser> users = new LinkedHashMap<>();
    private final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    private final Map<String, FloatingIp> floatingIps = new LinkedHashMap<>();
    private final Map<String, Port> ports = new LinkedHashMap<>();
    private final List<Backup> backups = new ArrayList<>();
    // dr-restore: the table rows each backup held, what a restore put back, where Galera was recovered
    private final Map<String, Map<String, Long>> rowsAtBackup = new HashMap<>();
    private Optional<Map<String, Long>> restoredRows = Optional.empty();
    private List<String> restoredMariaBackups = List.of();
    private final Set<String> mariadbRecovered = new LinkedHashSet<>();
    private final Map<String, Map<String, String>> archived = new HashMap<>();
    private String cephFsid = "";
    private final List<String> cephMonitors = new ArrayList<>();
    private final Map<String, Integer> cephOsdsByHost = new LinkedHashMap<>();
    private final Set<String> cephFlags = new LinkedHashSet<>();
    // charmed
    private String jujuVersion = "";
    private String jujuModel = "";
    private final Map<String, JujuApplication> applications = new LinkedHashMap<>();
    private final Map<String, JujuUnit> units = new TreeMap<>(Comparator.comparing((String u) -> u.substring(0, u.indexOf('/')))
            .thenComparingInt(u -> Integer.parseInt(u.substring(u.indexOf('/') + 1))));
    private final Map<String, String> busyMessages = new HashMap<>();
    private final Map<String, JujuMachine> jujuMachines = new TreeMap<>(LabSite::compareMachineIds);
    private final Map<String, Integer> nextUnitNumber = new HashMap<>();
    private int nextMachineId;
    // kolla
    private String kollaAnsibleVersion = "";
    private String inventoryPath = "";
    private String globalsPath = "";
    private final Map<String, LabFile> files = new TreeMap<>();
    private final Set<String> directories = new LinkedHashSet<>();
    private final Map<String, String> hostReleases = new LinkedHashMap<>();
    private final Set<String> deployedHosts = new LinkedHashSet<>();
    private final Set<String> stoppedHosts = new LinkedHashSet<>();
    private final Map<String, PlaybookRun> runs = new LinkedHashMap<>();
    // faults and counters
    private final List<LabFault> faults = new ArrayList<>();
    private final Map<String, Long> destructive = new TreeMap<>();
    private final Map<String, Map<String, Long>> destructiveByTarget = new TreeMap<>();
    /** The target of an action on the whole site (a Ceph flag, a boot without a host). */
    public static final String WHOLE_SITE = "(site)";
    private int sequence;

    public LabSite(String name, Flavour flavour, Clock clock, LabTimings timings) {
        this.name = name;
        this.flavour = flavour;
        this.clock = clock;
        this.timings = timings;
    }

    // ------------------------------------------------------------------ general

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
            return globalsRelease().orElse(openstackRelease);
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

    // ------------------------------------------------------------------ faults

    /** Adds a fault; the returned copy carries its id. */
    public synchronized LabFault injectFault(LabFault fault) {
        LabFault stored = fault.withId("f" + (++sequence));
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

    /** A fault of this type applying to one of the candidates, consumed once if it fires a limited number of times. */
    private Optional<LabFault> fire(FaultType type, String... candidates) {
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
    private Optional<LabFault> holds(FaultType type, String... candidates) {
        return faults.stream().filter(f -> f.type() == type && f.appliesTo(candidates)).findFirst();
    }

    private boolean holdsExactly(FaultType type, String candidate) {
        return faults.stream().anyMatch(f -> f.type() == type && f.target().equals(candidate));
    }

    /** Counts one changing action on its target (a host, a machine, a server, a unit, a file…; blank: the whole site). */
    private void count(String action, String target) {
        destructive.merge(action, 1L, Long::sum);
        destructiveByTarget.computeIfAbsent(action, a -> new TreeMap<>())
                .merge(target == null || target.isBlank() ? WHOLE_SITE : target, 1L, Long::sum);
    }

    // ------------------------------------------------------------------ time

    private Instant due(LabOperation op) {
        return now().plus(timings.of(op));
    }

    private boolean reached(Instant instant) {
        return instant != null && !now().isBefore(instant);
    }

    /** Ends every operation whose simulated time is up, in order of kind. */
    private void advance() {
        for (MaasMachine m : List.copyOf(machines.values())) {
            if (m.pendingStatus() != null && reached(m.pendingUntil())) {
                finishMachine(m);
            }
        }
        for (JujuMachine jm : List.copyOf(jujuMachines.values())) {
            if (jm.startsAt() != null && reached(jm.startsAt())) {
                jujuMachines.put(jm.id(), jm.with(JujuStatus.of("started"), new JujuStatus("running", "Deployed"), null));
            }
        }
        for (JujuUnit unit : List.copyOf(units.values())) {
            if (unit.busyUntil() != null && reached(unit.busyUntil()) && machineStarted(unit.machine())) {
                units.put(unit.name(), unit.with(unit.workload(), unit.agent(), null));
                busyMessages.remove(unit.name());
                settleUnit(unit);
            }
        }
        for (int i = 0; i < migrations.size(); i++) {
            Migration m = migrations.get(i);
            if (m.inProgress() && reached(m.finishesAt())) {
                migrations.set(i, finishMigration(m));
            }
        }
        for (PlaybookRun run : List.copyOf(runs.values())) {
            if (!run.finished() && reached(run.finishesAt())) {
                applyPlaybook(run);
            }
        }
        endDetachedProcesses();
        advanceServerBuilds(); // OpenStack API (io.dayshift.lab.openstack)
    }

    // ------------------------------------------------------------------ MAAS

    public synchronized List<MaasMachine> machines() {
        advance();
        return List.copyOf(machines.values());
    }

    public synchronized Optional<MaasMachine> machine(String systemId) {
        advance();
        return Optional.ofNullable(machines.get(systemId));
    }

    public synchronized Optional<MaasMachine> machineByHostname(String hostname) {
        advance();
        return machines.values().stream().filter(m -> m.hostname().equals(hostname)).findFirst();
    }

    public synchronized Set<String> maasTags() {
        return Set.copyOf(maasTags);
    }

    private MaasMachine requireMachine(String systemId) {
        MaasMachine m = machines.get(systemId);
        if (m == null) {
            throw LabException.notFound("No Machine matches the given query.");
        }
        return m;
    }

    /**
     * Starts commissioning with MAAS's default scripts (see {@link #commission(String, String, List, List, boolean)}).
     */
    public synchronized MaasMachine commission(String systemId) {
        return commission(systemId, MAAS_API_USER, List.of(), List.of(), false);
    }

    /** Allocates a Ready machine having every tag (and the system id and zone, when given) to {@code owner}. */
    public synchronized MaasMachine allocate(List<String> tags, String systemId, String zone, String owner) {
        advance();
        MaasMachine m = findAllocatable(tags, systemId, zone).orElseThrow(() -> LabException.conflict(notAvailable(tags, systemId, zone)));
        count("maas-allocate", systemId);
        MaasMachine allocated = m.with(owner, m.powerState(), "", m.tags(), m.scriptResults())
                .withStatus(MachineStatus.ALLOCATED, "From 'Ready' to 'Allocated' (to " + owner + ")");
        machines.put(m.systemId(), allocated);
        return allocated;
    }

    private Optional<MaasMachine> findAllocatable(List<String> tags, String systemId, String zone) {
        for (String tag : tags) {
            if (holds(FaultType.ALLOCATION_FAILS, tag).isPresent()) {
                return Optional.empty();
            }
        }
        if (tags.isEmpty() && holds(FaultType.ALLOCATION_FAILS, "").isPresent()) {
            return Optional.empty();
        }
        return machines.values().stream()
                .filter(m -> m.status() == MachineStatus.READY && m.owner().isEmpty())
                .filter(m -> m.tags().containsAll(tags))
                .filter(m -> systemId == null || systemId.isEmpty() || m.systemId().equals(systemId))
                .filter(m -> zone == null || zone.isEmpty() || m.zone().equals(zone))
                .findFirst();
    }

    /** MAAS's refusal of an allocation (src/maasserver/api/machines.py {@code allocate}). */
    private static String notAvailable(List<String> tags, String systemId, String zone) {
        if (systemId != null && !systemId.isEmpty()) {
            return "No machine with system ID " + systemId + " available.";
        }
        List<String> constraints = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        if (!tags.isEmpty()) {
            constraints.add("('tags', [" + String.join(", ", tags.stream().map(t -> "'" + t + "'").toList()) + "])");
            resolved.add("tags=" + String.join(",", tags));
        }
        if (zone != null && !zone.isEmpty()) {
            constraints.add("('zone', ['" + zone + "'])");
            resolved.add("zone=" + zone);
        }
        if (constraints.isEmpty()) {
            return "No machine available.";
        }
        return "No available machine matches constraints: [" + String.join(", ", constraints) + "] (resolved to \"" + String.join(" ", resolved) + "\")";
    }

    /** Deploys an Allocated (or Ready: allocated on the way) machine: Deploying now, Deployed after {@link LabOperation#MACHINE_DEPLOY}. */
    public synchronized MaasMachine deploy(String systemId, String distroSeries, String owner) {
        advance();
        MaasMachine m = requireMachine(systemId);
        if (m.status() != MachineStatus.ALLOCATED && m.status() != MachineStatus.READY) {
            throw LabException.conflict("Can't deploy a machine that is in the '" + m.status().label() + "' state");
        }
        count("maas-deploy", systemId);
        String by = m.owner().isEmpty() ? owner : m.owner();
        MaasMachine deploying = m.with(by, PowerState.ON, distroSeries == null || distroSeries.isEmpty() ? "jammy" : distroSeries, m.tags(),
                m.scriptResults()).pending(MachineStatus.DEPLOYING, "Deploying", MachineStatus.DEPLOYED, due(LabOperation.MACHINE_DEPLOY));
        machines.put(systemId, deploying);
        return deploying;
    }

    /** Releases a machine: Releasing now, Ready (owner cleared, powered off) after {@link LabOperation#MACHINE_RELEASE}; a Ready machine stays. */
    public synchronized MaasMachine release(String systemId) {
        advance();
        MaasMachine m = requireMachine(systemId);
        if (m.status() == MachineStatus.READY || m.status() == MachineStatus.RELEASING) {
            return m;
        }
        if (!Set.of(MachineStatus.ALLOCATED, MachineStatus.RESERVED, MachineStatus.BROKEN, MachineStatus.DEPLOYING, MachineStatus.DEPLOYED,
                MachineStatus.FAILED_DEPLOYMENT, MachineStatus.FAILED_DISK_ERASING, MachineStatus.FAILED_RELEASING).contains(m.status())) {
            throw LabException.conflict("Machine cannot be released in its current state ('" + m.status().label() + "').");
        }
        count("maas-release", systemId);
        MaasMachine releasing = m.pending(MachineStatus.RELEASING, "Releasing", MachineStatus.READY, due(LabOperation.MACHINE_RELEASE));
        machines.put(systemId, releasing);
        return releasing;
    }

    public synchronized MaasMachine powerOn(String systemId) {
        advance();
        MaasMachine m = requireMachine(systemId);
        if (m.owner().isEmpty()) {
            throw LabException.conflict("Can't start node: it hasn't been allocated.");
        }
        count("maas-power-on", systemId);
        MaasMachine on = m.with(m.owner(), PowerState.ON, m.distroSeries(), m.tags(), m.scriptResults());
        machines.put(systemId, on);
        return on;
    }

    public synchronized MaasMachine powerOff(String systemId) {
        advance();
        MaasMachine m = requireMachine(systemId);
        count("maas-power-off", systemId);
        MaasMachine off = m.with(m.owner(), PowerState.OFF, m.distroSeries(), m.tags(), m.scriptResults());
        machines.put(systemId, off);
        return off;
    }

    /** Creates a tag (a no-op if it exists). */
    public synchronized void createTag(String tag) {
        if (maasTags.add(tag)) {
            count("maas-create-tag", tag);
        }
    }

    /** Adds a tag to a machine; returns false when it already had it. */
    public synchronized boolean tagMachine(String systemId, String tag) {
        advance();
        MaasMachine m = requireMachine(systemId);
        if (m.hasTag(tag)) {
            return false;
        }
        count("maas-tag", systemId);
        maasTags.add(tag);
        List<String> tags = new ArrayList<>(m.tags());
        tags.add(tag);
        machines.put(systemId, m.with(m.owner(), m.powerState(), m.distroSeries(), tags, m.scriptResults()));
        return true;
    }

    public synchronized boolean untagMachine(String systemId, String tag) {
        advance();
        MaasMachine m = requireMachine(systemId);
        if (!m.hasTag(tag)) {
            return false;
        }
        count("maas-untag", systemId);
        List<String> tags = new ArrayList<>(m.tags());
        tags.remove(tag);
        machines.put(systemId, m.with(m.owner(), m.powerState(), m.distroSeries(), tags, m.scriptResults()));
        return true;
    }

    private void finishMachine(MaasMachine m) {
        if (finishMaasStep(m)) {
            return;
        }
        MachineStatus next = m.pendingStatus();
        switch (next) {
            case READY -> {
                machines.put(m.systemId(), m.with("", PowerState.OFF, "", m.tags(), m.scriptResults())
                        .withStatus(MachineStatus.READY, "From '" + m.status().label() + "' to 'Ready'"));
                nodes.remove(m.hostname());
            }
            case DEPLOYED -> {
                machines.put(m.systemId(), m.withStatus(MachineStatus.DEPLOYED, "From 'Deploying' to 'Deployed'"));
                nodes.putIfAbsent(m.hostname(), new LabNode(m.hostname(), m.ipAddresses().isEmpty() ? "" : m.ipAddresses().get(0), m.zone(),
                        List.of()));
            }
            default -> machines.put(m.systemId(), m.withStatus(next, "From '" + m.status().label() + "' to '" + next.label() + "'"));
        }
    }

    /** A host can be reached when it is a node whose MAAS machine (if any) is Deployed and powered on, and no fault cuts it off. */
    private boolean reachable(String host) {
        if (host.equals("localhost")) {
            return true; // the deployer itself ([deployment] in the inventory)
        }
        if (!nodes.containsKey(host) || holdsExactly(FaultType.HOST_UNREACHABLE, host)) {
            return false;
        }
        return powered(host);
    }

    private boolean powered(String host) {
        return machines.values().stream().filter(m -> m.hostname().equals(host)).findFirst()
                .map(m -> m.status() == MachineStatus.DEPLOYED && m.powerState() == PowerState.ON).orElse(true);
    }

    private boolean hostDown(String host) {
        return !powered(host) || holdsExactly(FaultType.HYPERVISOR_DOWN, host) || stoppedHosts.contains(host);
    }

    // ------------------------------------------------------------------ MAAS region API (lab-maas)
    // Commissioning with its testing phase, script sets, broken machines, erasing releases, tag comments.

    /** The MAAS user the lab's API key belongs to (an administrator, as commissioning requires). */
    public static final String MAAS_API_USER = "admin";
    /** MAAS's default testing script after commissioning. */
    public static final String DEFAULT_TESTING_SCRIPT = "smartctl-validate";
    private static final String FAILING_COMMISSIONING_SCRIPT = "50-maas-01-commissioning";
    private static final Set<MachineStatus> RELEASABLE = Set.of(MachineStatus.ALLOCATED, MachineStatus.RESERVED, MachineStatus.BROKEN,
            MachineStatus.DEPLOYING, MachineStatus.DEPLOYED, MachineStatus.FAILED_DEPLOYMENT, MachineStatus.FAILED_DISK_ERASING,
            MachineStatus.FAILED_RELEASING);

    /** A machine's current commissioning and testing sets, and the failure decided when commissioning started. */
    private record ScriptRun(int commissioningSetId, int testingSetId, ScriptPhase failingPhase, String failingScript, String failureOutput) {
    }

    private final Map<String, ScriptRun> scriptRuns = new HashMap<>();
    private final Map<String, String> errorDescriptions = new HashMap<>();
    private final Map<String, String> tagComments = new HashMap<>();
    private int nextScriptSetId = 1;
    private int nextScriptResultId = 1;

    /**
     * Starts commissioning (allowed from New, Failed commissioning, Ready, Broken; else a {@link LabException.Kind#BAD_REQUEST}
     * worded like MAAS's form error): Commissioning for {@link LabOperation#COMMISSION}, then Testing for
     * {@link LabOperation#MACHINE_TESTING} (unless {@code skipTesting}), then Ready. Under a {@link FaultType#COMMISSIONING_FAILS}
     * fault it ends in Failed commissioning, under {@link FaultType#TESTING_FAILS} in Failed testing, each with a failed script
     * whose output says why (the fault's message, when it has one).
     *
     * @param owner                the MAAS user commissioning it (owns it until it is Ready)
     * @param commissioningScripts extra commissioning scripts, run after the built-in ones
     * @param testingScripts       testing scripts; empty for {@value #DEFAULT_TESTING_SCRIPT}
     */
    public synchronized MaasMachine commission(String systemId, String owner, List<String> commissioningScripts, List<String> testingScripts,
                                               boolean skipTesting) {
        advance();
        MaasMachine m = requireMachine(systemId);
        if (!Set.of(MachineStatus.NEW, MachineStatus.FAILED_COMMISSIONING, MachineStatus.READY, MachineStatus.BROKEN).contains(m.status())) {
            throw LabException.badRequest("Commission is not available because of the current state of the node.");
        }
        count("maas-commission", systemId);
        List<String> tests = skipTesting ? List.of() : testingScripts.isEmpty() ? List.of(DEFAULT_TESTING_SCRIPT) : List.copyOf(testingScripts);
        Optional<LabFault> commissioningFault = fire(FaultType.COMMISSIONING_FAILS, m.systemId(), m.hostname());
        Optional<LabFault> testingFault = commissioningFault.isPresent() || tests.isEmpty()
                ? Optional.empty() : fire(FaultType.TESTING_FAILS, m.systemId(), m.hostname());
        List<LabScriptResult> results = new ArrayList<>();
        List<String> scripts = new ArrayList<>(COMMISSIONING_SCRIPTS);
        commissioningScripts.stream().filter(s -> !scripts.contains(s)).forEach(scripts::add);
        for (String script : scripts) {
            results.add(new LabScriptResult(nextScriptResultId++, ScriptPhase.COMMISSIONING, script, ScriptStatus.RUNNING, -1, "", now(), null));
        }
        for (String script : tests) {
            results.add(new LabScriptResult(nextScriptResultId++, ScriptPhase.TESTING, script, ScriptStatus.PENDING, -1, "", null, null));
        }
        ScriptRun run;
        if (commissioningFault.isPresent()) {
            run = new ScriptRun(nextScriptSetId++, tests.isEmpty() ? 0 : nextScriptSetId++, ScriptPhase.COMMISSIONING, FAILING_COMMISSIONING_SCRIPT,
                    commissioningFault.get().messageOr("Traceback (most recent call last):\n  File \"/tmp/user_data.sh.XXXXXX/scripts/commissioning/"
                            + FAILING_COMMISSIONING_SCRIPT + "\", line 812, in <module>\nRuntimeError: lshw exited 1: no storage devices found on "
                            + m.hostname()) + "\n");
        } else if (testingFault.isPresent()) {
            String script = tests.get(0);
            run = new ScriptRun(nextScriptSetId++, nextScriptSetId++, ScriptPhase.TESTING, script,
                    testingFault.get().messageOr(script.startsWith("smartctl")
                            ? "/dev/sda: SMART overall-health self-assessment test result: FAILED!\n"
                            + "Drive failure expected in less than 24 hours. SAVE ALL DATA.\nError: SMART validation failed on " + m.hostname()
                            : script + " failed on " + m.hostname() + ": exit status 1") + "\n");
        } else {
            run = new ScriptRun(nextScriptSetId++, tests.isEmpty() ? 0 : nextScriptSetId++, null, "", "");
        }
        scriptRuns.put(systemId, run);
        errorDescriptions.remove(systemId);
        MachineStatus then = run.failingPhase() == ScriptPhase.COMMISSIONING ? MachineStatus.FAILED_COMMISSIONING
                : tests.isEmpty() ? MachineStatus.READY : MachineStatus.TESTING;
        MaasMachine started = m.with(owner, PowerState.ON, "", m.tags(), results)
                .pending(MachineStatus.COMMISSIONING, "From '" + m.status().label() + "' to 'Commissioning'", then, due(LabOperation.COMMISSION));
        machines.put(systemId, started);
        return started;
    }

    /** The machine's current commissioning or testing run, empty when it has none. */
    public synchronized Optional<LabScriptSet> currentScriptSet(String systemId, ScriptPhase phase) {
        advance();
        MaasMachine m = machines.get(systemId);
        if (m == null) {
            return Optional.empty();
        }
        List<LabScriptResult> results = m.scriptResults().stream().filter(r -> r.phase() == phase).toList();
        if (results.isEmpty()) {
            return Optional.empty();
        }
        ScriptRun run = scriptRuns.computeIfAbsent(systemId, id -> new ScriptRun(nextScriptSetId++, nextScriptSetId++, null, "", ""));
        return Optional.of(new LabScriptSet(phase == ScriptPhase.COMMISSIONING ? run.commissioningSetId() : run.testingSetId(), systemId, phase,
                results));
    }

    /** One of the machine's current script sets by its id, empty when it is not one of them. */
    public synchronized Optional<LabScriptSet> scriptSet(String systemId, int id) {
        for (ScriptPhase phase : ScriptPhase.values()) {
            Optional<LabScriptSet> set = currentScriptSet(systemId, phase);
            if (set.isPresent() && set.get().id() == id) {
                return set;
            }
        }
        return Optional.empty();
    }

    /**
     * Marks a machine Broken with {@code comment} as its error description, releasing it first (owner cleared, powered
     * off, out of the cloud) when it was allocated or deployed, as MAAS's {@code Node.mark_broken} does.
     */
    public synchronized MaasMachine markBroken(String systemId, String comment) {
        advance();
        MaasMachine m = requireMachine(systemId);
        count("maas-mark-broken", systemId);
        boolean release = RELEASABLE.contains(m.status());
        MaasMachine broken = m.with("", release ? PowerState.OFF : m.powerState(), release ? "" : m.distroSeries(), m.tags(), m.scriptResults())
                .withStatus(MachineStatus.BROKEN, "From '" + m.status().label() + "' to 'Broken'");
        if (release) {
            nodes.remove(m.hostname());
        }
        errorDescriptions.put(systemId, comment == null ? "" : comment);
        machines.put(systemId, broken);
        return broken;
    }

    /** The error description MAAS shows for the machine ({@code ""} when none). */
    public synchronized String errorDescription(String systemId) {
        return errorDescriptions.getOrDefault(systemId, "");
    }

    /**
     * Releases a machine, erasing its disks first when asked: Disk erasing now, then Ready after
     * {@link LabOperation#MACHINE_RELEASE}. Without erasing, or for a Ready or Releasing machine, as {@link #release(String)}.
     */
    public synchronized MaasMachine release(String systemId, boolean erase) {
        advance();
        MaasMachine m = requireMachine(systemId);
        boolean noOp = m.status() == MachineStatus.READY || m.status() == MachineStatus.RELEASING;
        MaasMachine released = release(systemId);
        if (!erase || noOp) {
            return released;
        }
        MaasMachine erasing = released.pending(MachineStatus.DISK_ERASING, "From '" + m.status().label() + "' to 'Disk erasing'", MachineStatus.READY,
                due(LabOperation.MACHINE_RELEASE));
        machines.put(systemId, erasing);
        return erasing;
    }

    /** Creates a manual tag with a comment; returns false (and changes nothing) when it exists. */
    public synchronized boolean createTag(String tag, String comment) {
        if (maasTags.contains(tag)) {
            return false;
        }
        createTag(tag);
        tagComments.put(tag, comment == null ? "" : comment);
        return true;
    }

    public synchronized String tagComment(String tag) {
        return tagComments.getOrDefault(tag, "");
    }

    /** Ends a commissioning, testing or disk-erasing step whose time is up (and the next one, if its time is up too); false for others. */
    private boolean finishMaasStep(MaasMachine m) {
        if (!Set.of(MachineStatus.COMMISSIONING, MachineStatus.TESTING, MachineStatus.DISK_ERASING).contains(m.status())) {
            return false;
        }
        MaasMachine current = m;
        while (current != null && current.pendingStatus() != null && reached(current.pendingUntil())) {
            current = switch (current.status()) {
                case COMMISSIONING -> endCommissioning(current);
                case TESTING -> endTesting(current);
                case DISK_ERASING -> {
                    machines.put(current.systemId(), current.with("", PowerState.OFF, "", current.tags(), current.scriptResults())
                            .withStatus(MachineStatus.READY, "From 'Disk erasing' to 'Ready'"));
                    nodes.remove(current.hostname());
                    yield null;
                }
                default -> null;
            };
        }
        return true;
    }

    private MaasMachine endCommissioning(MaasMachine m) {
        ScriptRun run = scriptRuns.getOrDefault(m.systemId(), new ScriptRun(0, 0, null, "", ""));
        Instant at = m.pendingUntil();
        boolean failed = run.failingPhase() == ScriptPhase.COMMISSIONING;
        List<LabScriptResult> results = new ArrayList<>();
        for (LabScriptResult r : m.scriptResults()) {
            if (r.phase() == ScriptPhase.COMMISSIONING) {
                results.add(ended(r, failed && r.name().equals(run.failingScript()), run.failureOutput(), at));
            } else {
                results.add(failed ? new LabScriptResult(r.id(), r.phase(), r.name(), ScriptStatus.ABORTED, -1, "", null, null)
                        : m.pendingStatus() == MachineStatus.TESTING
                        ? new LabScriptResult(r.id(), r.phase(), r.name(), ScriptStatus.RUNNING, -1, "", at, null) : r);
            }
        }
        if (m.pendingStatus() == MachineStatus.TESTING) {
            MaasMachine testing = m.with(m.owner(), m.powerState(), m.distroSeries(), m.tags(), results)
                    .pending(MachineStatus.TESTING, "From 'Commissioning' to 'Testing'", run.failingPhase() == ScriptPhase.TESTING
                            ? MachineStatus.FAILED_TESTING : MachineStatus.READY, at.plus(timings.of(LabOperation.MACHINE_TESTING)));
            machines.put(m.systemId(), testing);
            return testing;
        }
        MachineStatus next = failed ? MachineStatus.FAILED_COMMISSIONING : MachineStatus.READY;
        machines.put(m.systemId(), m.with(failed ? m.owner() : "", PowerState.OFF, m.distroSeries(), m.tags(), results)
                .withStatus(next, "From 'Commissioning' to '" + next.label() + "'"));
        return null;
    }

    private MaasMachine endTesting(MaasMachine m) {
        ScriptRun run = scriptRuns.getOrDefault(m.systemId(), new ScriptRun(0, 0, null, "", ""));
        Instant at = m.pendingUntil();
        boolean failed = run.failingPhase() == ScriptPhase.TESTING;
        List<LabScriptResult> results = new ArrayList<>();
        for (LabScriptResult r : m.scriptResults()) {
            results.add(r.phase() == ScriptPhase.TESTING ? ended(r, failed && r.name().equals(run.failingScript()), run.failureOutput(), at) : r);
        }
        MachineStatus next = failed ? MachineStatus.FAILED_TESTING : MachineStatus.READY;
        machines.put(m.systemId(), m.with(failed ? m.owner() : "", PowerState.OFF, m.distroSeries(), m.tags(), results)
                .withStatus(next, "From 'Testing' to '" + next.label() + "'"));
        return null;
    }

    private static LabScriptResult ended(LabScriptResult r, boolean fails, String failureOutput, Instant at) {
        String output = fails ? failureOutput : r.name().startsWith("smartctl")
                ? "/dev/sda: SMART support is available; SMART overall-health self-assessment test result: PASSED\n" : "";
        return new LabScriptResult(r.id(), r.phase(), r.name(), fails ? ScriptStatus.FAILED : ScriptStatus.PASSED, fails ? 1 : 0, output,
                r.started() == null ? at : r.started(), at);
    }

    // ------------------------------------------------------------------ Nova

    public synchronized List<Hypervisor> hypervisors() {
        advance();
        return hypervisors.values().stream().map(this::view).toList();
    }

    public synchronized Optional<Hypervisor> hypervisor(String hostname) {
        advance();
        return Optional.ofNullable(hypervisors.get(hostname)).map(this::view);
    }

    private Hypervisor view(Hypervisor h) {
        return h.withUp(h.up() && !h.forcedDown() && !hostDown(h.hostname()));
    }

    private Hypervisor requireHypervisor(String host) {
        Hypervisor h = hypervisors.get(host);
        if (h == null) {
            throw LabException.notFound("Compute host " + host + " could not be found.");
        }
        return h;
    }

    /** What a hypervisor's instances use, and what is left under its allocation ratios. */
    public synchronized HypervisorUsage usage(String hostname) {
        advance();
        return usageOf(requireHypervisor(hostname));
    }

    private HypervisorUsage usageOf(Hypervisor h) {
        List<Instance> placed = new ArrayList<>(instancesOnHost(h.hostname()));
        for (Migration m : migrations) {
            if (m.inProgress() && m.destHost().equals(h.hostname()) && instances.containsKey(m.instanceId())) {
                placed.add(instances.get(m.instanceId()));
            }
        }
        long cpu = placed.stream().mapToLong(i -> i.flavor().vcpus()).sum();
        long ram = placed.stream().mapToLong(i -> i.flavor().ramMib()).sum();
        if (holdsExactly(FaultType.ORPHANED_ALLOCATION, h.hostname())) {
            ram = Math.max(ram, h.schedulableRamMib() * 85 / 100);
        }
        long disk = placed.stream().mapToLong(i -> i.flavor().diskGib()).sum();
        return new HypervisorUsage(h.hostname(), placed.size(), cpu, ram, disk, h.schedulableVcpus() - cpu, h.schedulableRamMib() - ram,
                h.schedulableDiskGib() - disk);
    }

    public synchronized Hypervisor disableComputeService(String host, String reason) {
        advance();
        Hypervisor h = requireHypervisor(host);
        count("disable-compute-service", host);
        hypervisors.put(host, h.withService(false, reason == null ? "" : reason, h.forcedDown()));
        return view(hypervisors.get(host));
    }

    public synchronized Hypervisor enableComputeService(String host) {
        advance();
        Hypervisor h = requireHypervisor(host);
        count("enable-compute-service", host);
        hypervisors.put(host, h.withService(true, "", h.forcedDown()));
        return view(hypervisors.get(host));
    }

    /** Sets or clears {@code forced_down} of a host's nova-compute service (before an evacuation). */
    public synchronized Hypervisor forceDownComputeService(String host, boolean forcedDown) {
        advance();
        Hypervisor h = requireHypervisor(host);
        count(forcedDown ? "force-down-compute-service" : "unset-force-down-compute-service", host);
        hypervisors.put(host, h.withService(h.enabled(), h.disabledReason(), forcedDown));
        return view(hypervisors.get(host));
    }

    public synchronized List<Flavor> flavors() {
        return List.copyOf(flavors.values());
    }

    public synchronized List<ServerGroup> serverGroups() {
        return List.copyOf(serverGroups.values());
    }

    public synchronized List<HostAggregate> aggregates() {
        return List.copyOf(aggregates);
    }

    public synchronized List<Instance> instances() {
        advance();
        return List.copyOf(instances.values());
    }

    public synchronized Optional<Instance> instance(String id) {
        advance();
        return Optional.ofNullable(instances.get(id));
    }

    public synchronized List<Instance> instancesOn(String host) {
        advance();
        return instancesOnHost(host);
    }

    private List<Instance> instancesOnHost(String host) {
        return instances.values().stream().filter(i -> host.equals(i.host())).toList();
    }

    private Instance requireInstance(String id) {
        Instance i = instances.get(id);
        if (i == null) {
            throw LabException.notFound("Instance " + id + " could not be found.");
        }
        return i;
    }

    public synchronized List<Migration> migrations() {
        advance();
        return List.copyOf(migrations);
    }

    /**
     * Starts a live migration to {@code targetHost}, or to a host the scheduler picks when it is null or empty. The
     * instance is MIGRATING until {@link LabOperation#LIVE_MIGRATION} has passed, then ACTIVE on the target (or, under a
     * {@link FaultType#LIVE_MIGRATION_FAILS} fault, ACTIVE where it was, the migration in error).
     */
    public synchronized Migration startLiveMigration(String serverId, String targetHost) {
        advance();
        Instance i = requireInstance(serverId);
        if (i.status() != InstanceStatus.ACTIVE && i.status() != InstanceStatus.PAUSED) {
            throw LabException.conflict("Cannot 'os-migrateLive' instance " + i.id() + " while it is in vm_state " + vmState(i));
        }
        checkSourceUp(i);
        Hypervisor target = schedule(i, targetHost);
        count("live-migration", serverId);
        boolean failing = fire(FaultType.LIVE_MIGRATION_FAILS, i.id(), i.name()).isPresent();
        instances.put(i.id(), i.moved(i.host(), i.zone(), InstanceStatus.MIGRATING, "migrating"));
        Migration m = new Migration(migrations.size() + 1, i.id(), "live-migration", i.host(), target.hostname(), "running", now(),
                due(LabOperation.LIVE_MIGRATION), failing);
        migrations.add(m);
        return m;
    }

    /** Starts a cold migration (ACTIVE or SHUTOFF instances): RESIZE now, VERIFY_RESIZE on the target later, until {@link #confirmResize}. */
    public synchronized Migration startColdMigration(String serverId, String targetHost) {
        advance();
        Instance i = requireInstance(serverId);
        if (i.status() != InstanceStatus.ACTIVE && i.status() != InstanceStatus.SHUTOFF) {
            throw LabException.conflict("Cannot 'migrate' instance " + i.id() + " while it is in vm_state " + vmState(i));
        }
        Hypervisor target = schedule(i, targetHost);
        count("cold-migration", serverId);
        boolean failing = fire(FaultType.LIVE_MIGRATION_FAILS, i.id(), i.name()).isPresent();
        statusBeforeResize.put(i.id(), i.status());
        instances.put(i.id(), i.moved(i.host(), i.zone(), InstanceStatus.RESIZE, "resize_migrating"));
        Migration m = new Migration(migrations.size() + 1, i.id(), "migration", i.host(), target.hostname(), "running", now(),
                due(LabOperation.COLD_MIGRATION), failing);
        migrations.add(m);
        return m;
    }

    public synchronized Instance confirmResize(String serverId) {
        advance();
        Instance i = requireInstance(serverId);
        if (i.status() != InstanceStatus.VERIFY_RESIZE) {
            throw LabException.conflict("Cannot 'confirmResize' instance " + i.id() + " while it is in vm_state " + vmState(i));
        }
        count("confirm-resize", serverId);
        InstanceStatus before = statusBeforeResize.getOrDefault(i.id(), InstanceStatus.ACTIVE);
        Instance confirmed = i.moved(i.host(), i.zone(), before, "");
        instances.put(i.id(), confirmed);
        for (int k = 0; k < migrations.size(); k++) {
            Migration m = migrations.get(k);
            if (m.instanceId().equals(i.id()) && m.status().equals("finished")) {
                migrations.set(k, m.withStatus("confirmed"));
            }
        }
        return confirmed;
    }

    /** Rebuilds an instance of a down host elsewhere (REBUILD now, ACTIVE on the target after {@link LabOperation#EVACUATION}). */
    public synchronized Migration evacuate(String serverId, String targetHost) {
        advance();
        Instance i = requireInstance(serverId);
        Hypervisor source = hypervisors.get(i.host());
        if (source != null && view(source).up()) {
            throw LabException.conflict("Compute service of " + i.host() + " is still in use.");
        }
        Hypervisor target = schedule(i, targetHost);
        count("evacuation", serverId);
        instances.put(i.id(), i.moved(i.host(), i.zone(), InstanceStatus.REBUILD, "rebuild_spawning"));
        Migration m = new Migration(migrations.size() + 1, i.id(), "evacuation", i.host(), target.hostname(), "running", now(),
                due(LabOperation.EVACUATION), false);
        migrations.add(m);
        return m;
    }

    private static String vmState(Instance i) {
        return switch (i.status()) {
            case SHUTOFF -> "stopped";
            case ERROR -> "error";
            case VERIFY_RESIZE -> "resized";
            default -> "active";
        };
    }

    private void checkSourceUp(Instance i) {
        Hypervisor source = hypervisors.get(i.host());
        if (source == null || !view(source).up()) {
            throw LabException.conflict("Compute service of " + i.host() + " is unavailable at this time.");
        }
    }

    /** The scheduler: same availability zone, enabled and up, room under the allocation ratios, server group policy kept. */
    private Hypervisor schedule(Instance i, String targetHost) {
        if (targetHost != null && !targetHost.isEmpty()) {
            Hypervisor target = requireHypervisor(targetHost);
            if (target.hostname().equals(i.host())) {
                throw LabException.badRequest("The target host can't be the same one.");
            }
            String why = refusal(i, target);
            if (why != null) {
                throw LabException.badRequest("No valid host was found. " + why);
            }
            return target;
        }
        return hypervisors.values().stream()
                .filter(h -> !h.hostname().equals(i.host()) && refusal(i, h) == null)
                .max(Comparator.comparingLong((Hypervisor h) -> usageOf(h).ramMibFree()).thenComparing(Hypervisor::hostname, Comparator.reverseOrder()))
                .orElseThrow(() -> LabException.badRequest("No valid host was found. There are not enough hosts available."));
    }

    private String refusal(Instance i, Hypervisor h) {
        if (!h.enabled()) {
            return "Host " + h.hostname() + " is disabled.";
        }
        if (!view(h).up()) {
            return "Host " + h.hostname() + " is down.";
        }
        if (!h.zone().equals(i.zone())) {
            return "Host " + h.hostname() + " is not in availability zone " + i.zone() + ".";
        }
        if (!HostAggregate.admits(i.flavor(), h.hostname(), aggregates)) {
            return "Host " + h.hostname() + " is in no aggregate whose metadata meets flavor " + i.flavor().name() + "'s extra specs.";
        }
        if (!usageOf(h).fits(i.flavor())) {
            return "Host " + h.hostname() + " has not enough free resources for flavor " + i.flavor().name() + ".";
        }
        ServerGroup group = serverGroups.get(i.serverGroupId());
        if (group != null) {
            List<String> memberHosts = instances.values().stream()
                    .filter(o -> !o.id().equals(i.id()) && o.serverGroupId().equals(group.id())).map(Instance::host).toList();
            if (group.policy().equals("anti-affinity") && memberHosts.contains(h.hostname())) {
                return "Host " + h.hostname() + " already runs a member of anti-affinity server group " + group.name() + ".";
            }
            if (group.policy().equals("affinity") && !memberHosts.isEmpty() && !memberHosts.contains(h.hostname())) {
                return "Host " + h.hostname() + " does not run the members of affinity server group " + group.name() + ".";
            }
        }
        return null;
    }

    private Migration finishMigration(Migration m) {
        Instance i = instances.get(m.instanceId());
        if (i == null) {
            return m.withStatus("error");
        }
        if (m.failing()) {
            InstanceStatus back = m.kind().equals("migration") ? statusBeforeResize.getOrDefault(i.id(), InstanceStatus.ACTIVE) : InstanceStatus.ACTIVE;
            instances.put(i.id(), i.moved(i.host(), i.zone(), back, ""));
            return m.withStatus("error");
        }
        String zone = Optional.ofNullable(hypervisors.get(m.destHost())).map(Hypervisor::zone).orElse(i.zone());
        return switch (m.kind()) {
            case "migration" -> {
                instances.put(i.id(), i.moved(m.destHost(), zone, InstanceStatus.VERIFY_RESIZE, ""));
                yield m.withStatus("finished");
            }
            case "evacuation" -> {
                instances.put(i.id(), i.moved(m.destHost(), zone, InstanceStatus.ACTIVE, ""));
                yield m.withStatus("done");
            }
            default -> {
                instances.put(i.id(), i.moved(m.destHost(), zone, InstanceStatus.ACTIVE, ""));
                yield m.withStatus("completed");
            }
        };
    }

    private void ensureHypervisor(String host) {
        if (hypervisors.containsKey(host)) {
            return;
        }
        Optional<MaasMachine> machine = machines.values().stream().filter(m -> m.hostname().equals(host)).findFirst();
        String zone = machine.map(MaasMachine::zone).or(() -> Optional.ofNullable(nodes.get(host)).map(LabNode::zone)).orElse("nova");
        int cpus = machine.map(MaasMachine::cpuCount).orElse(32);
        long ram = machine.map(MaasMachine::memoryMib).orElse(131072L);
        long disk = machine.map(m -> m.storageMb() / 1074).orElse(960L);
        int id = hypervisors.values().stream().mapToInt(Hypervisor::id).max().orElse(0) + 1;
        hypervisors.put(host, new Hypervisor(id, uuid("service", host), host, zone, cpus, ram, disk, defaultRatios[0], defaultRatios[1],
                defaultRatios[2], true, "", false, true));
        if (flavour == Flavour.KOLLA) {
            addAgent("Open vSwitch agent", "neutron-openvswitch-agent", host, zone);
        } else {
            addAgent("OVN Controller agent", "ovn-controller", host, zone);
            addAgent("OVN Metadata agent", "neutron-ovn-metadata-agent", host, zone);
        }
    }

    private void addAgent(String type, String binary, String host, String zone) {
        String id = uuid("agent", binary + "@" + host);
        agents.putIfAbsent(id, new NetworkAgent(id, type, binary, host, zone, true, true));
    }

    // ------------------------------------------------------------------ Neutron, Cinder, Keystone

    public synchronized List<NetworkAgent> networkAgents() {
        advance();
        return agents.values().stream().map(a -> a.with(a.alive() && !hostDown(a.host()) && !holdsExactly(FaultType.AGENT_DEAD, a.host()),
                a.adminStateUp())).toList();
    }

    public synchronized NetworkAgent setAgentAdminState(String agentId, boolean adminStateUp) {
        NetworkAgent a = agents.get(agentId);
        if (a == null) {
            throw LabException.notFound("Agent " + agentId + " could not be found.");
        }
        count(adminStateUp ? "enable-network-agent" : "disable-network-agent", agentId);
        agents.put(agentId, a.with(a.alive(), adminStateUp));
        return agents.get(agentId);
    }

    public synchronized List<Port> ports() {
        return List.copyOf(ports.values());
    }

    public synchronized void deletePort(String portId) {
        if (ports.remove(portId) == null) {
            throw LabException.notFound("Port " + portId + " could not be found.");
        }
        count("delete-port", portId);
        floatingIps.replaceAll((id, f) -> f.portId().equals(portId) ? new FloatingIp(f.id(), f.address(), f.projectId(), f.floatingNetworkId(), "", "") : f);
    }

    public synchronized List<FloatingIp> floatingIps() {
        return List.copyOf(floatingIps.values());
    }

    public synchronized void deleteFloatingIp(String id) {
        if (floatingIps.remove(id) == null) {
            throw LabException.notFound("Floating IP " + id + " could not be found.");
        }
        count("delete-floating-ip", id);
    }

    public synchronized List<SecurityGroup> securityGroups() {
        return List.copyOf(securityGroups.values());
    }

    public synchronized void deleteSecurityGroupRule(String ruleId) {
        for (SecurityGroup g : List.copyOf(securityGroups.values())) {
            List<SecurityGroupRule> kept = g.rules().stream().filter(r -> !r.id().equals(ruleId)).toList();
            if (kept.size() != g.rules().size()) {
                securityGroups.put(g.id(), new SecurityGroup(g.id(), g.name(), g.projectId(), g.description(), kept));
                count("delete-security-group-rule", ruleId);
                return;
            }
        }
        throw LabException.notFound("Security group rule " + ruleId + " does not exist");
    }

    public synchronized List<VolumeService> volumeServices() {
        advance();
        return volumeServices.stream().map(v -> new VolumeService(v.binary(), v.host(), v.zone(), v.enabled(),
                v.up() && !hostDown(v.node()) && holds(FaultType.VOLUME_SERVICE_DOWN, v.node(), v.host()).isEmpty())).toList();
    }

    public synchronized List<KeystoneUser> users() {
        return List.copyOf(users.values());
    }

    public synchronized KeystoneUser disableUser(String userId) {
        KeystoneUser u = users.get(userId);
        if (u == null) {
            throw LabException.notFound("Could not find user: " + userId + ".");
        }
        count("disable-user", userId);
        KeystoneUser disabled = new KeystoneUser(u.id(), u.name(), u.domainId(), u.defaultProjectId(), false, u.lastActiveAt());
        users.put(userId, disabled);
        return disabled;
    }

    // ------------------------------------------------------------------ Ceph and backups

    public synchronized Optional<CephStatus> ceph() {
        advance();
        if (cephFsid.isEmpty()) {
            return Optional.empty();
        }
        int osds = cephOsdsByHost.values().stream().mapToInt(Integer::intValue).sum();
        int up = cephOsdsByHost.entrySet().stream().filter(e -> !hostDown(e.getKey())).mapToInt(Map.Entry::getValue).sum();
        List<String> checks = new ArrayList<>();
        cephFlags.forEach(f -> checks.add("OSDMAP_FLAGS: " + f + " flag(s) set"));
        if (up < osds) {
            checks.add("OSD_DOWN: " + (osds - up) + " osds down");
        }
        holds(FaultType.CEPH_UNHEALTHY).ifPresent(f -> checks.add(f.messageOr("PG_DEGRADED: Degraded data redundancy: 112/3360 objects degraded (3.333%)")));
        Optional<LabFault> error = holds(FaultType.CEPH_ERROR); // daily health check
        error.ifPresent(f -> checks.add(f.messageOr("PG_AVAILABILITY: Reduced data availability: 12 pgs inactive, 12 pgs down")));
        String health = error.isPresent() ? "HEALTH_ERR" : checks.isEmpty() ? "HEALTH_OK" : "HEALTH_WARN";
        return Optional.of(new CephStatus(cephFsid, health, checks, cephMonitors, osds, up, cephFlags));
    }

    /** {@code ceph osd set|unset <flag>}; returns false when nothing changed. */
    public synchronized boolean setCephFlag(String flag, boolean set) {
        boolean changed = set ? cephFlags.add(flag) : cephFlags.remove(flag);
        if (changed) {
            count(set ? "ceph-set-" + flag : "ceph-unset-" + flag, "");
        }
        return changed;
    }

    public synchronized List<Backup> backups() {
        advance();
        return List.copyOf(backups);
    }

    private Backup addBackup(String kind, String host, String location, long size) {
        Backup b = new Backup("b" + (backups.size() + 1), kind, host, location, now(), size, sha256(name + kind + location + now()));
        backups.add(b);
        rowsAtBackup.put(location, liveTableRows());
        return b;
    }

    /** {@code mysqldump --all-databases} on {@code host}: the dump's text, recorded as a backup. */
    public synchronized String dumpDatabases(String host) {
        advance();
        count("mysqldump", host);
        fire(FaultType.BACKUP_FAILS).ifPresent(f -> {
            throw LabException.conflict(f.messageOr("mysqldump: Got error: 2013: \"Lost connection to server during query\" when using LOCK TABLES"));
        });
        String dump = "-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n--\n-- Host: " + host
                + "    Database: \n-- ------------------------------------------------------\n"
                + "CREATE DATABASE IF NOT EXISTS `keystone`;\nCREATE DATABASE IF NOT EXISTS `nova`;\nCREATE DATABASE IF NOT EXISTS `nova_api`;\n"
                + "CREATE DATABASE IF NOT EXISTS `neutron`;\nCREATE DATABASE IF NOT EXISTS `glance`;\nCREATE DATABASE IF NOT EXISTS `cinder`;\n"
                + "CREATE DATABASE IF NOT EXISTS `placement`;\n-- instances: " + instances.size() + "\n-- Dump completed on "
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(now()) + "\n";
        addBackup("mysqldump", host, "stdout", dump.length());
        return dump;
    }

    /** {@code mysql} reading a dump on standard input. */
    public synchronized void restoreDatabases(String host, String dump) {
        advance();
        count("mysql-restore", host);
        fire(FaultType.RESTORE_FAILS).ifPresent(f -> {
            throw LabException.conflict(f.messageOr("ERROR 2013 (HY000) at line 1: Lost connection to server during query"));
        });
        if (!dump.contains("-- MariaDB dump") && !dump.contains("-- MySQL dump")) {
            throw LabException.badRequest("ERROR 1064 (42000) at line 1: You have an error in your SQL syntax");
        }
    }

    // ---- dr-restore ------------------------------------------------------------------------------------------

    /** The rows of the key tables the backup at {@code location} (a file, or {@code volume:mariadb_backup/<file>}) held when taken. */
    public synchronized Optional<Map<String, Long>> tableRowsAt(String location) {
        boolean known = backups.stream().anyMatch(b -> b.location().equals(location));
        return known ? Optional.of(rowsOf(location)) : Optional.empty();
    }

    /** A backup's rows; one of the topology (taken before the lab started) holds the rows the lab started with. */
    private Map<String, Long> rowsOf(String location) {
        return Map.copyOf(rowsAtBackup.computeIfAbsent(location, l -> liveTableRows()));
    }

    /**
     * The one-shot mariabackup container of a Kolla restore on {@code host}: unpacks and prepares the full backup {@code files[0]}
     * of the {@code mariadb_backup} volume, applies each incremental after it in order, and copies the result back into the
     * mariadb data volume; returns what mariabackup prints. Refuses a broken chain as mariabackup does: each incremental must
     * start where the prepared target ends (its {@code from_lsn} the target's {@code to_lsn}), so one applied without its base,
     * out of order, or onto another full is refused, and nothing is copied back.
     *
     * @throws LabException (NOT_FOUND) when a file is not a backup on that host, (CONFLICT) for a broken chain or an injected
     *                      {@link FaultType#RESTORE_FAILS}
     */
    public synchronized String restoreMariaBackup(String host, List<String> files) {
        advance();
        count("mariadb-restore", host);
        List<Backup> chain = new ArrayList<>();
        for (String file : files) {
            String location = "volume:mariadb_backup/" + file;
            chain.add(backups.stream().filter(b -> b.host().equals(host) && b.location().equals(location)).findFirst()
                    .orElseThrow(() -> LabException.notFound("no backup /backup/" + file + " in the mariadb_backup volume")));
        }
        String ts = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(now());
        StringBuilder out = new StringBuilder();
        Lsn target = lsn(chain.get(0));
        if (target.from() != 0) {
            throw LabException.conflict("[00] " + ts + " mariabackup: error: " + files.get(0) + " is an incremental backup (from_lsn " + target.from()
                    + "); prepare its full backup first\n");
        }
        out.append("[00] ").append(ts).append(" mariabackup: Starting to apply redo log\n[00] ").append(ts).append(" completed OK!\n");
        for (int i = 1; i < chain.size(); i++) {
            Lsn incremental = lsn(chain.get(i));
            if (incremental.from() != target.to()) {
                throw LabException.conflict(out + "[00] " + ts + " mariabackup: error: This incremental backup seems not to be proper for the target.\n"
                        + "mariabackup:  Check 'to_lsn' of the target and 'from_lsn' of the incremental.\n");
            }
            target = incremental;
            out.append("[00] ").append(ts).append(" mariabackup: incremental backup from ").append(incremental.from()).append(" is enabled.\n[00] ")
                    .append(ts).append(" completed OK!\n");
        }
        fire(FaultType.RESTORE_FAILS, host).ifPresent(f -> {
            throw LabException.conflict(f.messageOr("[00] " + STAMP.format(now()) + " mariabackup: Error: cannot open ./xtrabackup_checkpoints\n"
                    + "[00] FATAL ERROR: " + STAMP.format(now()) + " failed to copy back: datadir is not empty"));
        });
        restoredRows = Optional.of(rowsOf(chain.get(chain.size() - 1).location()));
        restoredMariaBackups = List.copyOf(files);
        return out + "[01] " + ts + " Copying ./ibdata1 to /var/lib/mysql/ibdata1\n[00] " + ts + " completed OK!\nrestored " + String.join(" ", files)
                + " into /var/lib/mysql\n";
    }

    /** The files of the MariaDB backups the last restore applied, full first (dr-restore, rolling-upgrade's rollback). */
    public synchronized List<String> restoredMariaBackups() {
        return restoredMariaBackups;
    }

    /** Where a MariaDB backup's redo log starts and ends, as its {@code xtrabackup_checkpoints} says. */
    private record Lsn(long from, long to) {
    }

    /**
     * A MariaDB backup's log sequence numbers: a full one starts at 0; an incremental starts where the backup before it on its
     * host ended, as Kolla names the base by the date of the host's last full (the first after a full builds on the full, the
     * next on that incremental); one with no full before it builds on nothing the lab knows.
     */
    private Lsn lsn(Backup backup) {
        Lsn last = null;
        for (int i = 0; i < backups.size(); i++) {
            Backup b = backups.get(i);
            if (!b.host().equals(backup.host()) || !b.kind().startsWith("mariadb-")) {
                continue;
            }
            long to = 1_000_000L * (i + 1) + 4711;
            Lsn here = b.kind().equals("mariadb-full") ? new Lsn(0, to) : new Lsn(last == null ? to - 1 : last.to(), to);
            if (b == backup) {
                return here;
            }
            last = here.from() == to - 1 ? last : here;
        }
        throw new IllegalStateException("not a MariaDB backup of " + name + ": " + backup.location());
    }

    /** The paths of the files that start with {@code prefix}, sorted. */
    public synchronized List<String> files(String prefix) {
        return files.keySet().stream().filter(p -> p.startsWith(prefix)).sorted().toList();
    }

    /**
     * {@code tar -czf <archive> <path>…} as the lab's tar writes it (its members, and what they held), e.g. a backup of the
     * Kolla configuration directory.
     */
    public synchronized void archive(String archive, List<String> sources) {
        StringBuilder members = new StringBuilder("gzip tar archive, members:\n");
        for (String source : sources) {
            members.append(source.substring(1)).append('\n');
            listDirectory(source).forEach(name -> members.append(source.substring(1)).append('/').append(name).append('\n'));
        }
        writeBackupFile("tar", archive, new LabFile(members.toString(), 1024), "tar: Cannot open: Permission denied");
    }

    /** {@code tar -xzf <archive> -C <directory>}: writes back every file the archive holds; returns the paths written. */
    public synchronized List<String> extractArchive(String archive, String directory) {
        advance();
        if (!files.containsKey(archive)) {
            throw LabException.notFound("tar: " + archive + ": Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now");
        }
        if (corrupted(archive) || !archived.containsKey(archive)) {
            throw LabException.badRequest("gzip: stdin: invalid compressed data--crc error\ntar: Child returned status 1\ntar: Error is not recoverable: exiting now");
        }
        count("tar-extract", directory);
        fire(FaultType.RESTORE_FAILS).ifPresent(f -> {
            throw LabException.conflict(f.messageOr("tar: Unexpected EOF in archive\ntar: Error is not recoverable: exiting now"));
        });
        String base = directory.endsWith("/") ? directory : directory + "/";
        List<String> written = new ArrayList<>();
        archived.get(archive).forEach((member, content) -> {
            files.put(base + member, LabFile.text(content));
            fileTimes.put(base + member, now());
            written.add(base + member);
        });
        return written;
    }

    // ------------------------------------------------------------------ Juju (charmed)

    public synchronized String jujuVersion() {
        return jujuVersion;
    }

    public synchronized String jujuModel() {
        return jujuModel;
    }

    public synchronized List<JujuApplication> applications() {
        return List.copyOf(applications.values());
    }

    public synchronized Optional<JujuApplication> application(String app) {
        return Optional.ofNullable(applications.get(app));
    }

    /** Every unit, subordinates included, with its status as shown now. */
    public synchronized List<JujuUnit> units() {
        advance();
        return units.values().stream().map(this::view).toList();
    }

    public synchronized Optional<JujuUnit> unit(String unit) {
        advance();
        return Optional.ofNullable(units.get(unit)).map(this::view);
    }

    public synchronized List<JujuMachine> jujuMachines() {
        advance();
        return List.copyOf(jujuMachines.values());
    }

    private boolean machineStarted(String machineId) {
        JujuMachine jm = jujuMachines.get(machineId);
        return jm != null && jm.startsAt() == null && jm.jujuStatus().current().equals("started");
    }

    private JujuUnit view(JujuUnit unit) {
        JujuMachine machine = jujuMachines.get(unit.machine());
        String host = machine == null ? "" : jujuMachines.getOrDefault(machine.hostMachine(), machine).hostname();
        if (!host.isEmpty() && hostDown(host)) {
            return unit.with(new JujuStatus("unknown", "agent lost, see 'juju show-status-log " + unit.name() + "'"), JujuStatus.of("lost"),
                    unit.busyUntil());
        }
        Optional<LabFault> error = holds(FaultType.UNIT_ERROR, unit.name(), unit.application());
        if (error.isPresent()) {
            return unit.with(new JujuStatus("error", error.get().messageOr("hook failed: \"config-changed\"")), JujuStatus.of("idle"),
                    unit.busyUntil());
        }
        if (unit.busyUntil() != null) {
            if (!machineStarted(unit.machine())) {
                return unit.with(new JujuStatus("waiting", "waiting for machine"), JujuStatus.of("allocating"), unit.busyUntil());
            }
            return unit.with(new JujuStatus("maintenance", busyMessages.getOrDefault(unit.name(), "installing charm software")),
                    JujuStatus.of("executing"), unit.busyUntil());
        }
        if (flavour == Flavour.CHARMED) {
            Optional<LabFault> precheck = holds(FaultType.PRECHECK_FAILS);
            if (precheck.isPresent() && unit.application().equals(precheck.get().target().isEmpty() ? "vault" : precheck.get().target())) {
                return unit.with(new JujuStatus("blocked", precheck.get().messageOr("Unit is sealed")), JujuStatus.of("idle"), null);
            }
        }
        return unit;
    }

    /**
     * {@code juju add-machine --constraints tags=<tag>}: a Ready MAAS machine carrying every tag is allocated and deployed
     * to Juju; the machine is pending until the MAAS deployment ends. Without such a machine it shows a provisioning error.
     */
    public synchronized JujuMachine addJujuMachine(List<String> tags) {
        advance();
        String constraints = jujuConstraints(tags);
        return newJujuMachine(constraints, findAllocatable(tags, "", ""),
                "('agent_name', ['" + uuid("agent", name) + "']), ('tags', " + tags.stream().map(t -> "'" + t + "'").toList() + ")", constraints);
    }

    /** {@code juju add-unit <app> --to <machine>}: the unit (and units of the application's subordinates) become active/idle after the machine started and {@link LabOperation#UNIT_ACTIVE}. */
    public synchronized JujuUnit addUnit(String application, String machineId) {
        advance();
        JujuApplication app = existingApplication(application);
        if (app.subordinate()) {
            throw LabException.badRequest("cannot add unit to application \"" + application + "\": application is a subordinate");
        }
        JujuMachine machine = jujuMachines.get(machineId);
        if (machine == null) {
            throw LabException.notFound("machine " + machineId + " not found");
        }
        count("juju-add-unit", application);
        Instant from = machine.startsAt() != null && machine.startsAt().isAfter(now()) ? machine.startsAt() : now();
        Instant ready = from.plus(timings.of(LabOperation.UNIT_ACTIVE));
        boolean provisioningFailed = machine.machineStatus().current().equals("provisioning error");
        Instant busy = provisioningFailed ? Instant.MAX : ready;
        JujuUnit unit = newUnit(app, machineId, "", busy);
        for (JujuApplication sub : applications.values()) {
            if (sub.subordinateTo().contains(application)) {
                newUnit(sub, machineId, unit.name(), busy);
            }
        }
        return view(unit);
    }

    private JujuUnit newUnit(JujuApplication app, String machineId, String principal, Instant busyUntil) {
        int number = nextUnitNumber.merge(app.name(), 1, Integer::sum) - 1;
        String unitName = app.name() + "/" + number;
        boolean leader = units.values().stream().noneMatch(u -> u.application().equals(app.name()));
        JujuMachine machine = jujuMachines.get(machineId);
        JujuUnit unit = new JujuUnit(unitName, app.name(), machineId, new JujuStatus("active", readyMessage(app)), JujuStatus.of("idle"), leader,
                machine == null ? "" : machine.address(), principal, busyUntil);
        units.put(unitName, unit);
        return unit;
    }

    private static String readyMessage(JujuApplication app) {
        return switch (app.charm()) {
            case "mysql-innodb-cluster" -> "Unit is ready: Mode: R/W, Cluster is ONLINE and can tolerate up to ONE failure.";
            case "vault" -> "Unit is ready (active: true, mlock: disabled)";
            case "ceph-mon" -> "Unit is ready and clustered";
            case "ceph-osd" -> "Unit is ready (1 OSD)";
            case "ovn-chassis", "ovn-central" -> "Unit is ready";
            default -> "Unit is ready";
        };
    }

    private void settleUnit(JujuUnit unit) {
        JujuApplication app = applications.get(unit.application());
        if (app != null && app.charm().equals("nova-compute") && !unit.subordinate()) {
            JujuMachine jm = jujuMachines.get(unit.machine());
            if (jm != null && !jm.hostname().isEmpty()) {
                ensureHypervisor(jm.hostname());
            }
        }
    }

    /** {@code juju remove-unit}: the unit and its subordinates go; returns false when it did not exist. */
    public synchronized boolean removeUnit(String unit) {
        advance();
        if (!units.containsKey(unit)) {
            return false;
        }
        count("juju-remove-unit", unit);
        units.remove(unit);
        units.values().removeIf(u -> u.principal().equals(unit));
        return true;
    }

    /** {@code juju refresh --channel}: new channel and revision; the units execute for {@link LabOperation#CHARM_REFRESH}. */
    public synchronized JujuApplication refresh(String application, String channel) {
        advance();
        JujuApplication app = existingApplication(application);
        count("juju-refresh", application);
        int revision = app.revision() + 1;
        Matcher m = Pattern.compile("-(\\d+)$").matcher(app.canUpgradeTo());
        if (channel.equals(app.channel()) && m.find()) {
            revision = Integer.parseInt(m.group(1));
        } else if (!channel.equals(app.channel())) {
            revision = app.revision() + 17;
        }
        applications.put(application, app.refreshed(channel, revision, app.workloadVersion()));
        Instant until = due(LabOperation.CHARM_REFRESH);
        for (JujuUnit u : List.copyOf(units.values())) {
            if (u.application().equals(application)) {
                units.put(u.name(), u.with(u.workload(), u.agent(), until));
                busyMessages.put(u.name(), "Running openstack upgrade on charm refresh");
            }
        }
        return applications.get(application);
    }

    private JujuApplication existingApplication(String application) {
        JujuApplication app = applications.get(application);
        if (app == null) {
            throw LabException.notFound("application \"" + application + "\" not found");
        }
        return app;
    }

    public synchronized Map<String, String> config(String application) {
        return existingApplication(application).config();
    }

    public synchronized void setConfig(String application, String key, String value) {
        JujuApplication app = existingApplication(application);
        count("juju-config", application);
        Map<String, String> config = new TreeMap<>(app.config());
        config.put(key, value);
        applications.put(application, app.withConfig(config));
    }

    /**
     * Runs a charm action on a unit and returns its result at once; the caller decides how long it is shown to take
     * ({@link LabOperation#CHARM_ACTION}). Actions: pause, resume, openstack-upgrade, disable, enable (nova-compute),
     * instance-count (nova-compute), mysqldump (mysql-innodb-cluster).
     *
     * @throws LabException (BAD_REQUEST) for an action the unit's charm does not define, worded like Juju
     */
    public synchronized ActionOutcome runAction(String unitName, String action, Map<String, String> params) {
        advance();
        JujuUnit unit = units.get(unitName);
        if (unit == null) {
            throw LabException.notFound("unit \"" + unitName + "\" not found");
        }
        JujuApplication app = applications.get(unit.application());
        String charm = app.charm();
        String id = Integer.toString(++sequence);
        String host = hostOfUnit(unit);
        Map<String, String> results = new LinkedHashMap<>();
        if (CharmCatalogue.refuses(charm, action)) {
            throw LabException.badRequest("action \"" + action + "\" not defined on unit \"" + unitName + "\"");
        }
        switch (action) {
            case "restart-services" -> { // sev1-incident: the charm's own restart, as charm-rabbitmq-server's actions.py does it
                String services = params.getOrDefault("services", "").strip();
                if (services.isEmpty() == !Boolean.parseBoolean(params.getOrDefault("deferred-only", "false"))) {
                    return new ActionOutcome(id, unitName, action, "failed", services.isEmpty() ? "Please specify deferred-only or services"
                            : "Cannot set deferred-only and services", Map.of(), 0, "", "");
                }
                for (String service : services.isEmpty() ? new String[0] : services.split("\\s+")) {
                    if (!CharmCatalogue.hasService(charm, service)) {
                        return new ActionOutcome(id, unitName, action, "failed", "Failed to restart " + service + ".service: Unit " + service
                                + ".service not found.", Map.of(), 0, "", "");
                    }
                }
                count("juju-action-restart-services", unitName);
            }
            case "pause" -> {
                count("juju-action-pause", unitName);
                units.put(unitName, unit.with(new JujuStatus("maintenance", "Paused. Use 'resume' action to resume normal service."), unit.agent(),
                        unit.busyUntil()));
            }
            case "resume" -> {
                count("juju-action-resume", unitName);
                units.put(unitName, unit.with(new JujuStatus("active", readyMessage(app)), unit.agent(), unit.busyUntil()));
            }
            case "openstack-upgrade" -> {
                count("juju-action-openstack-upgrade", unitName);
                Optional<LabFault> fault = fire(FaultType.UPGRADE_FAILS, host, unitName, unit.application());
                if (fault.isPresent()) {
                    return new ActionOutcome(id, unitName, action, "failed", fault.get().messageOr("openstack-upgrade failed on " + host
                            + ": dpkg: error processing package " + charm + "-common (--configure)"), Map.of(), 1, "", "");
                }
                String track = app.channel().contains("/") ? app.channel().substring(0, app.channel().indexOf('/')) : "";
                applications.put(app.name(), app.refreshed(app.channel(), app.revision(), NOVA_VERSIONS.getOrDefault(track, app.workloadVersion())));
                results.put("outcome", "success, upgrade completed");
            }
            case "disable", "enable" -> {
                requireCharm(charm, "nova-compute", unitName, action);
                count("juju-action-" + action, unitName);
                Hypervisor h = requireHypervisor(host);
                hypervisors.put(host, action.equals("disable") ? h.withService(false, "disabled by juju action on " + unitName, h.forcedDown())
                        : h.withService(true, "", h.forcedDown()));
            }
            case "instance-count" -> {
                requireCharm(charm, "nova-compute", unitName, action);
                results.put("instance-count", Integer.toString(instancesOnHost(host).size()));
            }
            case "mysqldump" -> {
                requireCharm(charm, "mysql-innodb-cluster", unitName, action);
                count("juju-action-mysqldump", unitName);
                Optional<LabFault> fault = fire(FaultType.BACKUP_FAILS);
                if (fault.isPresent()) {
                    return new ActionOutcome(id, unitName, action, "failed", fault.get().messageOr("mysqldump failed: Command '['/usr/bin/mysqldump', "
                            + "'-u', 'root', '--single-transaction']' returned non-zero exit status 2."), Map.of(), 0, "", "");
                }
                String file = "/var/backups/mysql/mysqldump-" + params.getOrDefault("databases", "all").replace(',', '-') + "-"
                        + STAMP.format(now()) + ".gz";
                Backup b = addBackup("mysqldump", host, file, 48_213_504L);
                files.put(file, new LabFile("mysqldump archive " + b.sha256() + "\n-- Dump completed on " + STAMP.format(now()) + "\n", b.sizeBytes()));
                results.put("mysqldump-file", file);
            }
            case "restore-mysqldump" -> { // dr-restore
                requireCharm(charm, "mysql-innodb-cluster", unitName, action);
                count("juju-action-restore-mysqldump", unitName);
                String file = params.getOrDefault("dump-file", "");
                Optional<LabFault> fault = fire(FaultType.RESTORE_FAILS);
                if (fault.isPresent() || !files.containsKey(file)) {
                    return new ActionOutcome(id, unitName, action, "failed", fault.map(f -> f.messageOr("restore-mysqldump failed: Command "
                            + "'/usr/bin/mysql -u root' returned non-zero exit status 1: ERROR 2013 (HY000) at line 4711: Lost connection to server during query"))
                            .orElse("restore-mysqldump failed: [Errno 2] No such file or directory: '" + file + "'"), Map.of(), 0, "", "");
                }
                String content = files.get(file).content();
                String taken = backups.stream().filter(bk -> content.contains(bk.sha256())).map(Backup::location).findFirst().orElse(file);
                restoredRows = Optional.of(rowsOf(taken)); // the dump's own backup, wherever it was copied to
                results.put("outcome", "Restore of " + file + " succeeded");
            }
            case "cluster-status" -> { // daily health check: the InnoDB cluster as MySQL Shell's cluster.status() tells it
                requireCharm(charm, "mysql-innodb-cluster", unitName, action);
                results.put("cluster-status", innodbClusterStatus(app.name()));
            }
            default -> throw LabException.badRequest("action \"" + action + "\" not defined on unit \"" + unitName + "\"");
        }
        return new ActionOutcome(id, unitName, action, "completed", "", results, 0, "", "");
    }

    private static void requireCharm(String charm, String wanted, String unit, String action) {
        if (!charm.equals(wanted)) {
            throw LabException.badRequest("action \"" + action + "\" not defined on unit \"" + unit + "\"");
        }
    }

    private String hostOfUnit(JujuUnit unit) {
        JujuMachine m = jujuMachines.get(unit.machine());
        if (m == null) {
            return "";
        }
        JujuMachine host = jujuMachines.getOrDefault(m.hostMachine(), m);
        return host.hostname();
    }

    /** {@code juju create-backup --filename <file>}: the archive lands in the jump host's files. */
    public synchronized Backup createControllerBackup(String file) {
        advance();
        count("juju-create-backup", file);
        fire(FaultType.BACKUP_FAILS).ifPresent(f -> {
            throw LabException.conflict(f.messageOr("while creating backup: backup failed: mongodump: connection refused"));
        });
        Backup b = addBackup("juju-controller", "jump", file, 31_457_280L);
        files.put(file, new LabFile("juju-backup/metadata.json " + b.sha256(), b.sizeBytes()));
        return b;
    }

    // ---- backup-site: artefacts written on the hosts, read back (checksum, mode, readability), counted and pruned ------

    private final Map<String, Instant> fileTimes = new HashMap<>();
    private final Map<String, String> fileModes = new HashMap<>();

    /** Where Kolla's mariabackup container writes: the {@code mariadb_backup} Docker volume of the first MariaDB host. */
    public static final String MARIADB_BACKUP_VOLUME = "/var/lib/docker/volumes/mariadb_backup/_data";

    public synchronized boolean hasVault() {
        return applications.containsKey("vault");
    }

    /**
     * A backup program ({@code pg_dump}, {@code ceph}, {@code vault}, {@code tar}) writes {@code path}: a {@link FaultType#BACKUP_FAILS}
     * fault for the program (or any) makes it fail with {@code failure} (or the fault's message) and write nothing.
     */
    public synchronized void writeBackupFile(String program, String path, LabFile content, String failure) {
        advance();
        count("backup-" + program, path);
        fire(FaultType.BACKUP_FAILS, program).ifPresent(f -> {
            throw LabException.conflict(f.messageOr(failure));
        });
        files.put(path, content);
        fileTimes.put(path, now());
        fileModes.putIfAbsent(path, "644");
        if (program.equals("tar")) { // dr-restore: what the archive holds, for tar -x
            Map<String, String> held = new LinkedHashMap<>();
            content.content().lines().skip(1).forEach(member -> Optional.ofNullable(files.get("/" + member)).ifPresent(f -> held.put(member, f.content())));
            archived.put(path, held);
        }
    }

    /** What an archive written by the lab's tar holds (member → content), for a copy of it to hold the same; empty for other files. */
    public synchronized Map<String, String> archiveMembers(String path) {
        return Map.copyOf(archived.getOrDefault(path, Map.of()));
    }

    /**
     * {@code scp} sends {@code path} from this site: whether it arrives damaged ({@link FaultType#TRANSFER_CORRUPT} for its path or
     * name, used up like any fault with a number of times).
     */
    public synchronized boolean transferCorrupts(String path) {
        return fire(FaultType.TRANSFER_CORRUPT, path, path.substring(path.lastIndexOf('/') + 1)).isPresent();
    }

    /** {@code scp} writes a file received from another host (an existing file keeps its mode), with what an archive holds. */
    public synchronized void receiveCopy(String path, LabFile content, Map<String, String> members) {
        advance();
        count("scp-receive", path);
        files.put(path, content);
        fileTimes.put(path, now());
        fileModes.putIfAbsent(path, "644");
        if (!members.isEmpty()) {
            archived.put(path, Map.copyOf(members));
        }
    }

    /** {@code install -m <mode>}: an empty file with that mode, or the mode of a directory. */
    public synchronized void installFile(String path, String mode, boolean directory) {
        if (directory) {
            directories.add(path);
        } else {
            files.put(path, LabFile.text(""));
            fileTimes.put(path, now());
        }
        fileModes.put(path, mode);
    }

    /** A file's octal mode as {@code stat -c %a} prints it; 644 unless installed otherwise. */
    public synchronized String fileMode(String path) {
        return fileModes.getOrDefault(path, "644");
    }

    /** When a file was last written (the epoch for seeded files), for {@code ls -t}. */
    public synchronized Instant fileTime(String path) {
        return fileTimes.getOrDefault(path, Instant.EPOCH);
    }

    /** The files directly in {@code directory}, newest first. */
    public synchronized List<String> listDirectory(String directory) {
        String prefix = directory.endsWith("/") ? directory : directory + "/";
        return files.keySet().stream().filter(f -> f.startsWith(prefix) && f.indexOf('/', prefix.length()) < 0)
                .sorted(Comparator.comparing((String f) -> fileTimes.getOrDefault(f, Instant.EPOCH)).reversed().thenComparing(Comparator.reverseOrder()))
                .map(f -> f.substring(prefix.length())).toList();
    }

    /**
     * A file's SHA-256 as {@code sha256sum} reads it now: of its content, or of something else once a
     * {@link FaultType#BACKUP_CORRUPT} fault holds for its path or name.
     */
    public synchronized Optional<String> fileChecksum(String path) {
        LabFile f = files.get(path);
        if (f == null) {
            return Optional.empty();
        }
        return Optional.of(sha256(f.content() + (corrupted(path) ? "\0bit rot" : "")));
    }

    /** Whether a {@link FaultType#BACKUP_CORRUPT} fault holds for the file (its full path or its name). */
    public synchronized boolean corrupted(String path) {
        return holds(FaultType.BACKUP_CORRUPT, path, path.substring(path.lastIndexOf('/') + 1)).isPresent();
    }

    /**
     * Rows of the key tables, as {@code SELECT COUNT(*)} over the live (not deleted) rows would find them; after a restore
     * (dr-restore), the rows the restored backup held, one fewer per table a {@link FaultType#RESTORE_INCOMPLETE} names.
     */
    public synchronized Map<String, Long> keyTableRows() {
        advance();
        Map<String, Long> rows = new LinkedHashMap<>(liveTableRows());
        restoredRows.ifPresent(rows::putAll);
        rows.replaceAll((table, n) -> faults.stream().anyMatch(f -> f.type() == FaultType.RESTORE_INCOMPLETE
                && (f.target().isEmpty() || f.target().equals(table))) ? Math.max(0, n - 1) : n);
        return rows;
    }

    private Map<String, Long> liveTableRows() {
        seedImagesAndNetworks();
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("nova.instances", (long) instances.size());
        rows.put("keystone.project", instances.values().stream().map(Instance::projectId).distinct().count() + 2); // + admin, service
        rows.put("glance.images", (long) images.size());
        rows.put("cinder.volumes", 0L);
        rows.put("neutron.ports", (long) ports.size());
        return rows;
    }

    // ------------------------------------------------------------------ Kolla (deployer files, runs, containers)

    public synchronized String kollaAnsibleVersion() {
        return kollaAnsibleVersion;
    }

    public synchronized String inventoryPath() {
        return inventoryPath;
    }

    public synchronized String globalsPath() {
        return globalsPath;
    }

    /** {@code openstack_release} of globals.yml, if set. */
    public synchronized Optional<String> globalsRelease() {
        LabFile globals = files.get(globalsPath);
        if (globals == null) {
            return Optional.empty();
        }
        Matcher m = RELEASE.matcher(globals.content());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The release each deployed host runs. */
    public synchronized Map<String, String> hostReleases() {
        advance();
        return Map.copyOf(hostReleases);
    }

    public synchronized Optional<LabFile> file(String path) {
        advance();
        return Optional.ofNullable(files.get(path));
    }

    public synchronized boolean isDirectory(String path) {
        String prefix = path.endsWith("/") ? path : path + "/";
        return directories.contains(path) || files.keySet().stream().anyMatch(f -> f.startsWith(prefix));
    }

    public synchronized void writeFile(String path, String content) {
        count("file-write", path);
        files.put(path, LabFile.text(content));
    }

    public synchronized void copyFile(String from, String to) {
        LabFile f = files.get(from);
        if (f == null) {
            throw LabException.notFound("cannot stat '" + from + "': No such file or directory");
        }
        count("file-copy", to);
        files.put(to, f);
        Optional.ofNullable(archived.get(from)).ifPresent(a -> archived.put(to, a)); // dr-restore: so does a copy
    }

    public synchronized void moveFile(String from, String to) {
        LabFile f = files.remove(from);
        if (f == null) {
            throw LabException.notFound("cannot stat '" + from + "': No such file or directory");
        }
        count("file-move", to);
        files.put(to, f);
        Optional.ofNullable(fileTimes.remove(from)).ifPresent(t -> fileTimes.put(to, t)); // backup-site: a rename keeps time and mode
        Optional.ofNullable(fileModes.remove(from)).ifPresent(m -> fileModes.put(to, m));
        Optional.ofNullable(archived.remove(from)).ifPresent(a -> archived.put(to, a)); // dr-restore: an archive keeps what it holds
    }

    public synchronized boolean deleteFile(String path) {
        boolean existed = files.remove(path) != null;
        fileTimes.remove(path);
        fileModes.remove(path);
        if (existed) {
            count("file-delete", path);
        }
        return existed;
    }

    public synchronized void makeDirectory(String path) {
        directories.add(path);
    }

    /**
     * Starts a kolla-ansible run: what fails (from faults and from hosts that cannot be reached) and the output are
     * decided now; it finishes after the action's duration, when its effects on the model are applied.
     *
     * @param action kolla-ansible's action word, with underscores: {@code prechecks}, {@code pull}, {@code bootstrap-servers},
     *               {@code deploy}, {@code upgrade}, {@code reconfigure}, {@code stop}, {@code mariadb_backup}, {@code mariadb_recovery}
     * @param limit  hosts or groups of {@code --limit}, empty for all
     */
    public synchronized PlaybookRun startPlaybook(String action, List<String> limit, boolean incremental) {
        advance();
        LabOperation op = switch (action) {
            case "prechecks" -> LabOperation.KOLLA_PRECHECKS;
            case "pull" -> LabOperation.KOLLA_PULL;
            case "bootstrap-servers" -> LabOperation.KOLLA_BOOTSTRAP_SERVERS;
            case "deploy" -> LabOperation.KOLLA_DEPLOY;
            case "upgrade" -> LabOperation.KOLLA_UPGRADE;
            case "reconfigure" -> LabOperation.KOLLA_RECONFIGURE;
            case "stop" -> LabOperation.KOLLA_STOP;
            case "mariadb_backup" -> LabOperation.KOLLA_MARIADB_BACKUP;
            case "mariadb_recovery" -> LabOperation.KOLLA_MARIADB_RECOVERY;
            default -> throw LabException.badRequest("unknown kolla-ansible action " + action);
        };
        count("kolla-" + action.replace('_', '-') + (incremental ? "-incremental" : ""), String.join(",", limit));
        String id = "run-" + (runs.size() + 1);
        LabFile inventoryFile = files.get(inventoryPath);
        Inventory inventory = Inventory.parse(inventoryFile == null ? "" : inventoryFile.content());
        Set<String> candidates = switch (action) {
            case "mariadb_backup" -> firstOf(inventory.hostsOf("control"));
            case "mariadb_recovery" -> inventory.hostsOf("control");
            default -> inventory.allHosts();
        };
        List<String> hosts = new ArrayList<>(inventory.limit(candidates, limit));
        PlaybookOutput out = new PlaybookOutput();
        if (hosts.isEmpty()) {
            out.line("[WARNING]: Could not match supplied host pattern, ignoring: " + String.join(",", limit));
            out.error("Specified inventory, host pattern and/or --limit leaves us with no hosts to target.");
            PlaybookRun run = new PlaybookRun(id, action, limit, hosts, List.of(), List.of(), 1, out.toString(), now(), due(op), false);
            runs.put(id, run);
            return run;
        }
        List<String> unreachable = hosts.stream().filter(h -> !reachable(h)).toList();
        List<String> failed = new ArrayList<>();
        String failure = "";
        List<String> reached = hosts.stream().filter(h -> !unreachable.contains(h)).toList();
        FaultType type = switch (action) {
            case "deploy", "reconfigure", "bootstrap-servers" -> FaultType.DEPLOY_FAILS;
            case "upgrade" -> FaultType.UPGRADE_FAILS;
            case "prechecks" -> FaultType.PRECHECK_FAILS;
            case "mariadb_backup" -> FaultType.BACKUP_FAILS;
            case "mariadb_recovery" -> FaultType.RESTORE_FAILS;
            default -> null;
        };
        if (type != null) {
            for (String host : reached) {
                boolean anyHost = type == FaultType.PRECHECK_FAILS || type == FaultType.BACKUP_FAILS || type == FaultType.RESTORE_FAILS;
                Optional<LabFault> fault = anyHost && failed.isEmpty() ? fire(type, host) : holdsExactly(type, host) ? fire(type, host) : Optional.empty();
                if (fault.isPresent()) {
                    failed.add(host);
                    failure = fault.get().messageOr(defaultFailure(action, host));
                }
            }
        }
        out.play("Gather facts for all hosts");
        out.task("Gather facts", reached, List.of(), List.of(), unreachable, "");
        List<String> roles = rolesFor(action);
        for (int r = 0; r < roles.size(); r++) {
            boolean last = r == roles.size() - 1;
            List<String> healthy = reached.stream().filter(h -> !failed.contains(h)).toList();
            out.play("Apply role " + roles.get(r));
            out.task(roles.get(r) + " : " + taskName(action), last ? List.of() : healthy, last ? healthy : List.of(), last ? failed : List.of(),
                    List.of(), failure);
        }
        if (!failed.isEmpty() || !unreachable.isEmpty()) {
            out.line("\nNO MORE HOSTS LEFT *************************************************************");
        }
        out.recap(hosts, failed, unreachable, 6 + 4 * roles.size());
        int exit = !unreachable.isEmpty() ? 4 : !failed.isEmpty() ? 2 : 0;
        PlaybookRun run = new PlaybookRun(id, action + (incremental ? " --incremental" : ""), limit, hosts, failed, unreachable, exit,
                out.toString(), now(), due(op), false);
        runs.put(id, run);
        return run;
    }

    private static Set<String> firstOf(Set<String> hosts) {
        return hosts.isEmpty() ? Set.of() : Set.of(hosts.iterator().next());
    }

    private static List<String> rolesFor(String action) {
        return switch (action) {
            case "mariadb_backup", "mariadb_recovery" -> List.of("mariadb");
            case "prechecks" -> List.of("prechecks", "nova-cell");
            case "pull" -> List.of("common", "nova-cell");
            case "bootstrap-servers" -> List.of("openstack.kolla.baremetal");
            default -> List.of("common", "nova", "nova-cell");
        };
    }

    private static String taskName(String action) {
        return switch (action) {
            case "prechecks" -> "Checking free port for Nova Compute";
            case "pull" -> "Pulling nova-compute image";
            case "mariadb_backup" -> "Taking a full backup";
            case "mariadb_recovery" -> "Starting first MariaDB container";
            case "bootstrap-servers" -> "Install docker SDK for python";
            case "stop" -> "Stopping Kolla containers";
            case "upgrade" -> "Run Nova upgrade checks";
            default -> "Check nova-compute containers";
        };
    }

    private String defaultFailure(String action, String host) {
        return switch (action) {
            case "prechecks" -> "NTP daemon is not running or the clock is not synchronised on " + host;
            case "upgrade" -> "nova-status upgrade check failed (rc=2): Check: Placement API  Result: Failure";
            case "mariadb_backup" -> "Container mariabackup exited with code 1: mariabackup: Error writing file '/backup/xtrabackup_logfile' (Errcode: 28 \"No space left on device\")";
            case "mariadb_recovery" -> "Failed to bootstrap MariaDB cluster on " + host + ": WSREP: failed to open gcomm backend connection: 110";
            default -> "Container nova_compute on " + host + " exited with code 1: libvirt.libvirtError: Failed to connect socket to '/run/libvirt/virtqemud-sock'";
        };
    }

    public synchronized Optional<PlaybookRun> playbookRun(String id) {
        advance();
        return Optional.ofNullable(runs.get(id));
    }

    public synchronized List<PlaybookRun> playbookRuns() {
        advance();
        return List.copyOf(runs.values());
    }

    /** Ends a run now, whatever the simulated time (a CLI that was waited for in the foreground); its effects are applied once. */
    public synchronized PlaybookRun finishPlaybook(String id) {
        advance();
        PlaybookRun run = runs.get(id);
        if (run == null) {
            throw LabException.notFound("no kolla-ansible run " + id);
        }
        if (!run.finished()) {
            applyPlaybook(run);
        }
        return runs.get(id);
    }

    private void applyPlaybook(PlaybookRun run) {
        runs.put(run.id(), run.done());
        if (run.exitCode() == 1) {
            return;
        }
        List<String> ok = run.hosts().stream().filter(h -> !run.failedHosts().contains(h) && !run.unreachableHosts().contains(h)).toList();
        Inventory inventory = Inventory.parse(Optional.ofNullable(files.get(inventoryPath)).map(LabFile::content).orElse(""));
        String release = globalsRelease().orElse(openstackRelease);
        String action = run.action().split(" ")[0];
        switch (action) {
            case "deploy", "upgrade", "reconfigure" -> ok.forEach(host -> {
                deployedHosts.add(host);
                stoppedHosts.remove(host);
                hostReleases.put(host, release);
                Set<String> groups = inventory.groupsOf(host);
                if (groups.contains("compute")) {
                    ensureHypervisor(host);
                }
                if (groups.contains("network")) {
                    String zone = Optional.ofNullable(nodes.get(host)).map(LabNode::zone).orElse("nova");
                    addAgent("L3 agent", "neutron-l3-agent", host, zone);
                    addAgent("DHCP agent", "neutron-dhcp-agent", host, zone);
                    addAgent("Metadata agent", "neutron-metadata-agent", host, zone);
                    addAgent("Open vSwitch agent", "neutron-openvswitch-agent", host, zone);
                }
            });
            case "stop" -> {
                stoppedHosts.addAll(ok);
                ok.forEach(mariadbRecovered::remove);
            }
            case "mariadb_recovery" -> mariadbRecovered.addAll(ok); // dr-restore: Galera is up again, the other services still stopped
            case "mariadb_backup" -> ok.forEach(host -> {
                boolean incremental = run.action().contains("--incremental");
                String file = (incremental ? "incremental-" : "mysqlbackup-") + DateTimeFormatter.ofPattern("dd-MM-yyyy").withZone(ZoneOffset.UTC)
                        .format(run.startedAt()) + "-" + run.startedAt().getEpochSecond() + ".qp.xbc.xbs.gz";
                Backup b = addBackup(incremental ? "mariadb-incremental" : "mariadb-full", host, "volume:mariadb_backup/" + file,
                        incremental ? 4_718_592L : 157_286_400L);
                files.put(MARIADB_BACKUP_VOLUME + "/" + file, new LabFile("mariabackup xbstream " + b.sha256(), b.sizeBytes())); // backup-site
                fileTimes.put(MARIADB_BACKUP_VOLUME + "/" + file, now());
            });
            default -> {
                // prechecks, pull, bootstrap-servers, recovery: nothing visible changes
            }
        }
    }

    /**
     * {@code docker ps -a} on a node: the containers of its inventory groups (none until it was deployed), exited when
     * kolla-ansible stopped them, nova_compute restarting on a hypervisor that is down.
     *
     * @throws LabException (CONFLICT) when the host cannot be reached
     */
    public synchronized List<Container> containers(String host) {
        advance();
        if (!reachable(host)) {
            throw LabException.conflict("ssh: connect to host " + host + " port 22: No route to host");
        }
        if (!deployedHosts.contains(host)) {
            return List.of();
        }
        Inventory inventory = Inventory.parse(Optional.ofNullable(files.get(inventoryPath)).map(LabFile::content).orElse(""));
        String release = hostReleases.getOrDefault(host, openstackRelease());
        List<Container> out = new ArrayList<>();
        for (String c : KollaCatalogue.containersOf(inventory.groupsOf(host))) {
            String status;
            boolean running;
            if (stoppedHosts.contains(host) && !(c.equals("mariadb") && mariadbRecovered.contains(host))) {
                status = "Exited (0) 3 minutes ago";
                running = false;
            } else if (c.equals("nova_compute") && holdsExactly(FaultType.HYPERVISOR_DOWN, host)) {
                status = "Restarting (1) 12 seconds ago";
                running = false;
            } else if (containerFault(FaultType.CONTAINER_EXITED, host, c).isPresent()) { // daily health check
                status = "Exited (1) 7 minutes ago";
                running = false;
            } else {
                status = "Up 3 days (healthy)";
                running = true;
            }
            out.add(new Container(sha256(host + c).substring(0, 12), c, KollaCatalogue.image(c, release), status, running));
        }
        return out;
    }

    /** The last {@code lines} lines of a container's log. */
    public synchronized String containerLogs(String host, String container, int lines) {
        Container c = containers(host).stream().filter(x -> x.name().equals(container)).findFirst()
                .orElseThrow(() -> LabException.notFound("Error response from daemon: No such container: " + container));
        List<String> log = new ArrayList<>();
        String ts = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC).format(now());
        for (int i = 0; i < 5; i++) {
            log.add(ts + " 7 INFO " + container.replace('_', '.') + " [-] periodic task run on " + host);
        }
        if (!c.running()) {
            log.add(ts + " 7 ERROR " + container.replace('_', '.') + " [-] " + (stoppedHosts.contains(host) ? "Caught SIGTERM, exiting"
                    : containerFault(FaultType.CONTAINER_EXITED, host, container).map(f -> f.messageOr(DEFAULT_CONTAINER_ERROR))
                    .orElse("libvirt.libvirtError: Failed to connect socket to '/run/libvirt/virtqemud-sock': Connection refused")));
        }
        log.addAll(faultLogLines(host, container, ts)); // daily health check
        return String.join("\n", log.subList(Math.max(0, log.size() - lines), log.size())) + "\n";
    }

    // ------------------------------------------------------------------ detached runs (commands started with nohup on the deployer)
    // A run directory <base>/<runId>/ among the deployer's files (command, started, boot, pid, log, and once it ended: ended, rc),
    // and its process, alive until its simulated end. Nothing here counts as a destructive action: what the command does does.

    /** Whether {@code mkdir -p BASE} and then {@code mkdir DIR} made a new run directory. */
    public enum RunDirectory {
        /** The run directory is new: the caller launches the command. */
        CREATED,
        /** A run directory of that name exists already: nothing is launched. */
        EXISTS,
        /** The base cannot hold runs: it, or a directory above it, is a file. */
        BASE_NOT_A_DIRECTORY,
        /** The run directory's name is taken by a file, or its parent is not a directory. */
        CANNOT_CREATE
    }

    /** A command running in the background: it ends at {@code endsAt}, when {@code finalLog} and {@code exitStatus} are written. */
    private record DetachedProcess(long pid, String directory, Instant endsAt, String finalLog, int exitStatus) {
    }

    private final Map<Long, DetachedProcess> detachedProcesses = new LinkedHashMap<>();
    private long lastPid = 24_117;

    /** The deployer's {@code /proc/sys/kernel/random/boot_id}: one boot for the site's whole life. */
    public synchronized String bootId() {
        return uuid("boot", "deployer");
    }

    /**
     * {@code mkdir -p base} then {@code mkdir directory} as one step (only one caller can win the second): when the run
     * directory is new, writes {@code command} (the command line and a newline), {@code started} (now, epoch seconds) and
     * {@code boot} into it.
     */
    public synchronized RunDirectory createRunDirectory(String base, String directory, String commandLine) {
        advance();
        for (String dir = base; !dir.isEmpty(); dir = parentOf(dir)) {
            if (files.containsKey(dir)) {
                return RunDirectory.BASE_NOT_A_DIRECTORY;
            }
        }
        for (String dir = base; !dir.isEmpty(); dir = parentOf(dir)) {
            directories.add(dir);
        }
        if (files.containsKey(directory) || !isDirectory(parentOf(directory).isEmpty() ? "/" : parentOf(directory))) {
            return RunDirectory.CANNOT_CREATE;
        }
        if (isDirectory(directory)) {
            return RunDirectory.EXISTS;
        }
        directories.add(directory);
        files.put(directory + "/command", LabFile.text(commandLine + "\n"));
        files.put(directory + "/started", LabFile.text(now().getEpochSecond() + "\n"));
        files.put(directory + "/boot", LabFile.text(bootId() + "\n"));
        return RunDirectory.CREATED;
    }

    /**
     * Launches a background process in {@code directory}: writes {@code pid} and the log as it is at once, and at
     * {@code endsAt} (now or later) the whole log, {@code ended} and {@code rc}.
     *
     * @return its process id
     */
    public synchronized long launchDetached(String directory, String logAtStart, String finalLog, int exitStatus, Instant endsAt) {
        advance();
        long pid = ++lastPid;
        detachedProcesses.put(pid, new DetachedProcess(pid, directory, endsAt, finalLog, exitStatus));
        files.put(directory + "/log", LabFile.text(logAtStart));
        files.put(directory + "/pid", LabFile.text(pid + "\n"));
        endDetachedProcesses();
        return pid;
    }

    /** {@code kill -0 pid} of a process launched by {@link #launchDetached}: true until it has ended. */
    public synchronized boolean processAlive(long pid) {
        advance();
        return detachedProcesses.containsKey(pid);
    }

    private void endDetachedProcesses() {
        for (DetachedProcess p : List.copyOf(detachedProcesses.values())) {
            if (reached(p.endsAt())) {
                files.put(p.directory() + "/log", LabFile.text(p.finalLog()));
                files.put(p.directory() + "/ended", LabFile.text(p.endsAt().getEpochSecond() + "\n"));
                files.put(p.directory() + "/rc", LabFile.text(p.exitStatus() + "\n"));
                detachedProcesses.remove(p.pid());
            }
        }
    }

    // ------------------------------------------------------------------ OpenStack API (io.dayshift.lab.openstack)
    // What the lab's Keystone, Nova, Neutron and Glance endpoints need beyond the operations above: booting and deleting
    // servers, the Nova service list, images and networks, and the checks and refusals Nova makes in front of a move
    // (worded as Nova words them; a move the scheduler refuses leaves an "error" migration record, as in Nova).

    private static final String NO_VALID_HOST = "No valid host was found. There are not enough hosts available.";

    private final Map<String, Instant> buildsUntil = new HashMap<>();
    private final Map<String, String> imageOfInstance = new HashMap<>();
    private final Map<String, LabImage> images = new LinkedHashMap<>();
    private final Map<String, LabNetwork> networks = new LinkedHashMap<>();

    /** Servers in BUILD become ACTIVE once {@link LabOperation#SERVER_BUILD} has passed. */
    private void advanceServerBuilds() {
        for (String id : List.copyOf(buildsUntil.keySet())) {
            if (reached(buildsUntil.get(id))) {
                buildsUntil.remove(id);
                Instance i = instances.get(id);
                if (i != null && i.status() == InstanceStatus.BUILD) {
                    instances.put(id, i.moved(i.host(), i.zone(), InstanceStatus.ACTIVE, ""));
                }
            }
        }
    }

    /** The project the lab's {@code admin} user is scoped to. */
    public String adminProjectId() {
        return uuid("project", "admin").replace("-", "");
    }

    /** Glance's images: a CirrOS and an Ubuntu image, both active and public. */
    public synchronized List<LabImage> images() {
        seedImagesAndNetworks();
        return List.copyOf(images.values());
    }

    /** The image a server was booted from (the first image for servers of the topology). */
    public synchronized Optional<LabImage> imageOf(String serverId) {
        seedImagesAndNetworks();
        return Optional.ofNullable(images.get(imageOfInstance.getOrDefault(serverId, images.keySet().iterator().next())));
    }

    /** Neutron's networks: {@code public} (external), {@code private} (shared) and those the topology's ports are on. */
    public synchronized List<LabNetwork> networks() {
        seedImagesAndNetworks();
        for (Port p : ports.values()) {
            if (!networks.containsKey(p.networkId())) {
                int n = networks.size();
                networks.put(p.networkId(), new LabNetwork(p.networkId(), "net-" + p.projectId().substring(0, Math.min(8, p.projectId().length())),
                        p.projectId(), false, false, "192.168." + n + ".0/24", 1000 + n));
            }
        }
        return List.copyOf(networks.values());
    }

    private void seedImagesAndNetworks() {
        if (!images.isEmpty()) {
            return;
        }
        Instant seeded = now().minus(Duration.ofDays(400));
        String admin = adminProjectId();
        images.put(uuid("image", "cirros"), new LabImage(uuid("image", "cirros"), "cirros-0.6.2-x86_64-disk", "active", "public", "qcow2", "bare",
                21430272, admin, seeded));
        images.put(uuid("image", "jammy"), new LabImage(uuid("image", "jammy"), "ubuntu-22.04-server-cloudimg-amd64", "active", "public", "qcow2",
                "bare", 692584448, admin, seeded));
        floatingIps.values().stream().map(FloatingIp::floatingNetworkId).filter(id -> !id.isEmpty()).findFirst()
                .or(() -> Optional.of(uuid("network", "public")))
                .ifPresent(id -> networks.put(id, new LabNetwork(id, "public", admin, false, true, "203.0.113.0/24", 0)));
        String privateNet = uuid("network", "private");
        networks.put(privateNet, new LabNetwork(privateNet, "private", admin, true, false, "10.0.0.0/24", 1001));
    }

    /** Nova's services: nova-scheduler and nova-conductor on the controllers (or nova-cloud-controller's units), nova-compute per hypervisor. */
    public synchronized List<NovaService> novaServices() {
        advance();
        List<NovaService> out = new ArrayList<>();
        Map<String, String> controlHosts = new LinkedHashMap<>(); // service host -> node it runs on
        applications.values().stream().filter(a -> a.charm().equals("nova-cloud-controller")).findFirst().ifPresent(app -> units.values().stream()
                .filter(u -> u.application().equals(app.name()))
                .forEach(u -> Optional.ofNullable(jujuMachines.get(u.machine())).ifPresent(m -> controlHosts.put(m.hostname(),
                        Optional.ofNullable(jujuMachines.get(m.hostMachine())).map(JujuMachine::hostname).orElse(m.hostname())))));
        if (controlHosts.isEmpty()) {
            nodes.values().stream().filter(n -> n.hasRole("control")).forEach(n -> controlHosts.put(n.hostname(), n.hostname()));
        }
        int id = 1;
        for (String binary : List.of("nova-scheduler", "nova-conductor")) {
            for (Map.Entry<String, String> host : controlHosts.entrySet()) {
                out.add(new NovaService(uuid("service", binary + "@" + host.getKey()), id++, binary, host.getKey(), "internal", true, "", false,
                        !hostDown(host.getValue())));
            }
        }
        int computeBase = id;
        for (Hypervisor h : hypervisors.values()) {
            Hypervisor v = view(h);
            out.add(new NovaService(h.serviceId(), computeBase + h.id(), "nova-compute", h.hostname(), h.zone(), h.enabled(), h.disabledReason(),
                    h.forcedDown(), v.up()));
        }
        return out;
    }

    /**
     * Boots a server as Nova does at compute API 2.74: BUILD now, ACTIVE after {@link LabOperation#SERVER_BUILD}, on
     * {@code host} when given (the scheduler still checks it) or on the host the scheduler picks in {@code zone} (any
     * zone when empty), keeping the anti-affinity or affinity of {@code serverGroupId}. A server no host can take goes
     * to ERROR with Nova's fault "No valid host was found", as in Nova, where scheduling happens after the API answered.
     *
     * @param networkId the network to give it a port on, or {@code ""} for none
     */
    public synchronized Instance bootServer(String serverName, String projectId, String flavorId, String imageId, String host, String zone,
                                            String serverGroupId, String networkId) {
        advance();
        seedImagesAndNetworks();
        Flavor flavor = flavors.values().stream().filter(f -> f.id().equals(flavorId)).findFirst()
                .orElseThrow(() -> LabException.badRequest("Invalid flavorRef provided."));
        if (!images.containsKey(imageId)) {
            throw LabException.badRequest("Can not find requested image");
        }
        boolean pinned = host != null && !host.isEmpty();
        if (pinned && !hypervisors.containsKey(host)) {
            throw LabException.badRequest("Compute host " + host + " could not be found.");
        }
        boolean inZone = zone != null && !zone.isEmpty();
        if (inZone && hypervisors.values().stream().noneMatch(h -> h.zone().equals(zone))) {
            throw LabException.badRequest("The requested availability zone is not available");
        }
        String group = serverGroupId == null ? "" : serverGroupId;
        if (!group.isEmpty() && !serverGroups.containsKey(group)) {
            throw LabException.badRequest("Invalid server group hint: server group " + group + " could not be found.");
        }
        String network = networkId == null ? "" : networkId;
        if (!network.isEmpty() && networks().stream().noneMatch(n -> n.id().equals(network))) {
            throw LabException.badRequest("Network " + network + " could not be found.");
        }
        count("boot-server", serverName);
        String id = UUID.randomUUID().toString();
        Optional<Hypervisor> chosen = hypervisors.values().stream()
                .filter(h -> !pinned || h.hostname().equals(host))
                .filter(h -> !inZone || h.zone().equals(zone))
                .filter(h -> refusal(new Instance(id, serverName, projectId, "", h.zone(), flavor, InstanceStatus.BUILD, "", group, "", now()), h) == null)
                .max(Comparator.comparingLong((Hypervisor h) -> usageOf(h).ramMibFree()).thenComparing(Hypervisor::hostname, Comparator.reverseOrder()));
        imageOfInstance.put(id, imageId);
        if (chosen.isEmpty()) {
            Instance failed = new Instance(id, serverName, projectId, "", inZone ? zone : "", flavor, InstanceStatus.ERROR, "", group, NO_VALID_HOST,
                    now());
            instances.put(id, failed);
            return failed;
        }
        Hypervisor h = chosen.get();
        Instance building = new Instance(id, serverName, projectId, h.hostname(), h.zone(), flavor, InstanceStatus.BUILD, "spawning", group, "", now());
        instances.put(id, building);
        buildsUntil.put(id, due(LabOperation.SERVER_BUILD));
        if (!network.isEmpty()) {
            int n = ports.size() + 1;
            ports.put(uuid("port", id), new Port(uuid("port", id), "", network, projectId,
                    String.format("fa:16:3e:%02x:%02x:%02x", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff),
                    "10.0.0." + (n % 250 + 3), "compute:" + h.zone(), id, h.hostname()));
        }
        return building;
    }

    /** Deletes a server with its ports (floating IPs on them are disassociated). */
    public synchronized void deleteServer(String serverId) {
        advance();
        requireInstance(serverId);
        count("delete-server", serverId);
        instances.remove(serverId);
        buildsUntil.remove(serverId);
        imageOfInstance.remove(serverId);
        List<String> gone = ports.values().stream().filter(p -> p.deviceId().equals(serverId)).map(Port::id).toList();
        gone.forEach(ports::remove);
        floatingIps.replaceAll((fid, f) -> gone.contains(f.portId())
                ? new FloatingIp(f.id(), f.address(), f.projectId(), f.floatingNetworkId(), "", "") : f);
    }

    /**
     * A live migration as Nova's API takes it (compute 2.30, block migration "auto"): state checked first (409), then
     * the named host (400 when unknown), the source service (400 when down) and the scheduler (400 "No valid host",
     * which leaves an error migration record; naming the server's own host is refused that way too).
     */
    public synchronized Migration liveMigrateServer(String serverId, String targetHost) {
        advance();
        Instance i = requireInstance(serverId);
        if (i.status() != InstanceStatus.ACTIVE && i.status() != InstanceStatus.PAUSED) {
            throw LabException.conflict("Cannot 'os-migrateLive' instance " + i.id() + " while it is in vm_state " + vmState(i));
        }
        boolean named = targetHost != null && !targetHost.isEmpty();
        if (named && !hypervisors.containsKey(targetHost)) {
            throw LabException.badRequest("Compute host " + targetHost + " could not be found.");
        }
        Hypervisor source = hypervisors.get(i.host());
        if (source == null || !view(source).up()) {
            throw LabException.badRequest("Compute service of " + i.host() + " is unavailable at this time.");
        }
        if (named && targetHost.equals(i.host())) {
            throw refusedMove(i, "live-migration", NO_VALID_HOST);
        }
        try {
            schedule(i, named ? targetHost : null);
        } catch (LabException refused) {
            throw refusedMove(i, "live-migration", refused.getMessage());
        }
        return startLiveMigration(serverId, targetHost);
    }

    /** A cold migration as Nova's API takes it (compute 2.56): state (409), named host (400), then the scheduler as for live migrations. */
    public synchronized Migration coldMigrateServer(String serverId, String targetHost) {
        advance();
        Instance i = requireInstance(serverId);
        if (i.status() != InstanceStatus.ACTIVE && i.status() != InstanceStatus.SHUTOFF) {
            throw LabException.conflict("Cannot 'migrate' instance " + i.id() + " while it is in vm_state " + vmState(i));
        }
        boolean named = targetHost != null && !targetHost.isEmpty();
        if (named && !hypervisors.containsKey(targetHost)) {
            throw LabException.badRequest("Compute host " + targetHost + " could not be found.");
        }
        if (named && targetHost.equals(i.host())) {
            throw LabException.badRequest("Cannot migrate to the host where the server exists.");
        }
        try {
            schedule(i, named ? targetHost : null);
        } catch (LabException refused) {
            throw refusedMove(i, "migration", refused.getMessage());
        }
        return startColdMigration(serverId, targetHost);
    }

    /**
     * An evacuation as Nova's API takes it (compute 2.29, the scheduler picks the host): state (409), the source's
     * compute service must be down (400 "still in use"). When no host can take the server, Nova has already answered:
     * the server goes to ERROR and the migration record to error.
     */
    public synchronized Migration evacuateServer(String serverId) {
        advance();
        Instance i = requireInstance(serverId);
        if (i.status() != InstanceStatus.ACTIVE && i.status() != InstanceStatus.SHUTOFF && i.status() != InstanceStatus.ERROR) {
            throw LabException.conflict("Cannot 'evacuate' instance " + i.id() + " while it is in vm_state " + vmState(i));
        }
        Hypervisor source = hypervisors.get(i.host());
        if (source != null && view(source).up()) {
            throw LabException.badRequest("Compute service of " + i.host() + " is still in use.");
        }
        try {
            schedule(i, null);
        } catch (LabException refused) {
            count("evacuation", i.id());
            Migration failed = new Migration(migrations.size() + 1, i.id(), "evacuation", i.host(), "", "error", now(), now(), false);
            migrations.add(failed);
            instances.put(i.id(), new Instance(i.id(), i.name(), i.projectId(), i.host(), i.zone(), i.flavor(), InstanceStatus.ERROR, "",
                    i.serverGroupId(), NO_VALID_HOST, i.createdAt()));
            return failed;
        }
        return evacuate(serverId, null);
    }

    private LabException refusedMove(Instance i, String kind, String message) {
        migrations.add(new Migration(migrations.size() + 1, i.id(), kind, i.host(), "", "error", now(), now(), false));
        return LabException.badRequest(message.startsWith("No valid host") ? message : NO_VALID_HOST);
    }

    /**
     * Sets or clears {@code forced_down} the way Nova's API does: an unknown host is 404, and a host that evacuated
     * servers cannot be forced up while their migrations are still {@code done} (its nova-compute must restart first).
     */
    public synchronized Hypervisor setForcedDown(String host, boolean forcedDown) {
        advance();
        if (!hypervisors.containsKey(host)) {
            throw LabException.notFound("Host '" + host + "' is not mapped to any cell");
        }
        if (!forcedDown && migrations.stream().anyMatch(m -> m.kind().equals("evacuation") && m.status().equals("done") && m.sourceHost().equals(host))) {
            throw LabException.badRequest("Unable to force up host " + host + " as `done` evacuation migration records remain associated with the "
                    + "host. Ensure the compute service has been restarted, allowing these records to move to `completed` before retrying this "
                    + "request.");
        }
        return forceDownComputeService(host, forcedDown);
    }

    /** Restarts a host's nova-compute: it cleans up the servers evacuated from it, so their migrations go from {@code done} to {@code completed}. */
    public synchronized void restartComputeService(String host) {
        advance();
        requireHypervisor(host);
        count("restart-nova-compute", host);
        for (int k = 0; k < migrations.size(); k++) {
            Migration m = migrations.get(k);
            if (m.kind().equals("evacuation") && m.status().equals("done") && m.sourceHost().equals(host)) {
                migrations.set(k, m.withStatus("completed"));
            }
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }

    // ------------------------------------------------------------------ daily health check (runbook site-health-check)
    // What the health check reads beyond the operations above: the hosts an Ansible pattern names, whether a node answers,
    // containers that exited or log errors (faults container-exited, container-errors), an API that is down (api-down).

    private static final String DEFAULT_CONTAINER_ERROR = "oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply";

    /**
     * The hosts an Ansible host pattern names in the inventory file at {@code inventoryPath}: host and group names separated by
     * commas ({@code all} for every host, {@code group[N]} for one member of a group), in the inventory's order; names the inventory does not know are ignored, as Ansible
     * does after its warning. Empty when there is no such file.
     */
    public synchronized List<String> inventoryHosts(String inventoryPath, String pattern) {
        LabFile file = files.get(inventoryPath);
        if (file == null) {
            return List.of();
        }
        Inventory inventory = Inventory.parse(file.content());
        Set<String> all = inventory.allHosts();
        Set<String> wanted = new LinkedHashSet<>();
        for (String item : pattern.split(",")) {
            Matcher indexed = Pattern.compile("^(.+)\\[([0-9]+)\\]$").matcher(item);
            if (indexed.matches()) { // add-compute-node: one member of a group, e.g. nova-conductor[0]
                List<String> members = new ArrayList<>(inventory.hostsOf(indexed.group(1)));
                int index = Integer.parseInt(indexed.group(2));
                if (index < members.size()) {
                    wanted.add(members.get(index));
                }
            } else if (item.equals("all") || item.equals("*")) {
                wanted.addAll(all);
            } else if (inventory.hasGroup(item)) {
                wanted.addAll(inventory.hostsOf(item));
            } else if (all.contains(item)) {
                wanted.add(item);
            }
        }
        List<String> ordered = new ArrayList<>(all);
        ordered.retainAll(wanted);
        return ordered;
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

    private Optional<LabFault> containerFault(FaultType type, String host, String container) {
        return holds(type, host + "/" + container, container);
    }

    private List<String> faultLogLines(String host, String container, String ts) {
        return containerFault(FaultType.CONTAINER_ERRORS, host, container)
                .map(f -> List.of(
                        ts + " 7 ERROR " + container.replace('_', '.') + " [-] " + f.messageOr(DEFAULT_CONTAINER_ERROR),
                        ts + " 7 WARNING " + container.replace('_', '.') + " [-] retrying in 2 seconds",
                        ts + " 7 ERROR " + container.replace('_', '.') + " [-] " + f.messageOr(DEFAULT_CONTAINER_ERROR)))
                .orElse(List.of());
    // ------------------------------------------------------------------ drain-compute-node (runbook-drain)

    }

    // ------------------------------------------------------------------ add-compute-node (runbook-addcompute)
    // A Juju machine placed on one named MAAS machine, an empty Juju machine removed (Juju releases it in MAAS), the
    // hosts an Ansible ad-hoc pattern names, and nova-manage cell_v2 discover_hosts: compute hosts of the topology are
    // mapped to the cell from the start, hosts added later once discovery ran.

    private final Set<String> hostMappings = new LinkedHashSet<>();

    /**
     * {@code juju add-machine <node> --constraints tags=<tags>}: MAAS machine {@code node} (host name or system id) is
     * allocated and deployed to Juju when it is Ready and carries every tag; otherwise the machine shows MAAS's refusal
     * as a provisioning error, as Juju does.
     */
    public synchronized JujuMachine addJujuMachineOn(String node, List<String> tags) {
        advance();
        String constraints = jujuConstraints(tags);
        Optional<MaasMachine> named = machines.values().stream().filter(m -> m.hostname().equals(node) || m.systemId().equals(node)).findFirst();
        String wanted = "('name', ['" + node + "'])" + (tags.isEmpty() ? "" : ", ('tags', " + tags.stream().map(t -> "'" + t + "'").toList() + ")");
        return newJujuMachine(constraints, named.flatMap(m -> findAllocatable(tags, m.systemId(), "")), wanted,
                "name=" + node + (constraints.isEmpty() ? "" : " " + constraints));
    }

    private static String jujuConstraints(List<String> tags) {
        return tags.isEmpty() ? "" : "tags=" + String.join(",", tags);
    }

    /**
     * A new Juju machine: on {@code free}, which is allocated and deployed to Juju, or, without one, pending with MAAS's
     * refusal as its provisioning error, worded like Juju ({@code wanted}: the constraints as MAAS got them,
     * {@code resolved}: as Juju resolved them).
     */
    private JujuMachine newJujuMachine(String constraints, Optional<MaasMachine> free, String wanted, String resolved) {
        count("juju-add-machine", constraints);
        String id = Integer.toString(nextMachineId++);
        JujuMachine jm;
        if (free.isPresent()) {
            MaasMachine m = free.get();
            machines.put(m.systemId(), m.with("juju", m.powerState(), "", m.tags(), m.scriptResults())
                    .withStatus(MachineStatus.ALLOCATED, "From 'Ready' to 'Allocated' (to juju)"));
            MaasMachine deploying = deploy(m.systemId(), "jammy", "juju");
            jm = new JujuMachine(id, m.systemId(), m.hostname(), m.zone(), m.ipAddresses().isEmpty() ? "" : m.ipAddresses().get(0), constraints,
                    m.cpuCount(), m.memoryMib(), JujuStatus.of("pending"), new JujuStatus("allocating", "Deploying: ubuntu/amd64/ga-22.04/jammy"),
                    deploying.pendingUntil());
        } else {
            jm = new JujuMachine(id, "", "", "", "", constraints, 0, 0, JujuStatus.of("pending"), new JujuStatus("provisioning error",
                    "No available machine matches constraints: [" + wanted + "] (resolved to \"" + resolved + "\")"), null);
        }
        jujuMachines.put(id, jm);
        return jm;
    }

    /**
     * {@code juju remove-machine <id>}: an empty machine leaves the model and Juju releases its MAAS machine.
     *
     * @return false when there is no such machine
     * @throws LabException (BAD_REQUEST) when a unit is still assigned to it, worded like Juju
     */
    public synchronized boolean removeJujuMachine(String machineId) {
        advance();
        JujuMachine jm = jujuMachines.get(machineId);
        if (jm == null) {
            return false;
        }
        Optional<JujuUnit> assigned = units.values().stream().filter(u -> u.machine().equals(machineId) && u.principal().isEmpty()).findFirst();
        if (assigned.isPresent()) {
            throw LabException.badRequest("cannot remove machine " + machineId + ": machine " + machineId + " has unit \"" + assigned.get().name()
                    + "\" assigned");
        }
        count("juju-remove-machine", machineId);
        jujuMachines.remove(machineId);
        if (!jm.instanceId().isEmpty() && machines.containsKey(jm.instanceId())) {
            release(jm.instanceId());
        }
        return true;
    }

    /** Whether a compute host is mapped to the cell (so the scheduler's hosts include it). */
    public synchronized boolean cellMapped(String host) {
        advance();
        return hypervisors.containsKey(host) && (seededCompute(host) || hostMappings.contains(host));
    }

    /**
     * {@code nova-manage cell_v2 discover_hosts --by-service --verbose}: maps every nova-compute host not mapped yet and
     * prints what nova-manage prints.
     */
    public synchronized String discoverHosts() {
        advance();
        String cell = uuid("cell", "cell1");
        List<String> mapped = new ArrayList<>();
        for (String host : hypervisors.keySet()) {
            if (!seededCompute(host) && hostMappings.add(host)) {
                mapped.add(host);
            }
        }
        if (!mapped.isEmpty()) {
            count("nova-discover-hosts", String.join(",", mapped));
        }
        StringBuilder out = new StringBuilder("Found 2 cell mappings.\nSkipping cell0 since it does not contain hosts.\n")
                .append("Getting computes from cell 'cell1': ").append(cell).append('\n');
        mapped.forEach(h -> out.append("Creating host mapping for service ").append(h).append('\n'));
        out.append("Found ").append(mapped.size()).append(" unmapped computes in cell: ").append(cell).append('\n');
        return out.toString();
    }

    private boolean seededCompute(String host) {
        LabNode node = nodes.get(host);
        return node != null && node.hasRole("compute");
    }

    // ------------------------------------------------------------------ sev1-incident (runbook-sev1)
    // The mitigations an operator may choose: restarting a container (docker restart on a node) or a unit's service
    // (systemctl restart through juju exec / juju run).

    /**
     * {@code docker restart <container>} on a node: the container runs again unless its cause persists (nova_compute of a
     * hypervisor that is down keeps restarting; a container-exited fault on every node is not a fault of this node only).
     *
     * @throws LabException (CONFLICT) when the node cannot be reached, (NOT_FOUND) when it has no such container
     */
    public synchronized void restartContainer(String host, String container) {
        if (containers(host).stream().noneMatch(c -> c.name().equals(container))) {
            throw LabException.notFound("Error response from daemon: No such container: " + container);
        }
        count("restart-container", host + "/" + container);
        faults.removeIf(f -> (f.type() == FaultType.CONTAINER_EXITED || f.type() == FaultType.CONTAINER_ERRORS)
                && f.target().equals(host + "/" + container));
    }

    /**
     * {@code systemctl restart <service>} on a unit's machine through Juju: refused for an unknown unit, for a unit whose
     * machine is down (Juju waits for the agent in vain), and for a service the unit's charm does not have (systemd's "Unit
     * X.service not found."). A service restart does not clear a hook error.
     *
     * @throws LabException (NOT_FOUND) for an unknown unit or service, (CONFLICT) when its agent is lost
     */
    /**
     * {@code nova-manage cell_v2 discover_hosts --verbose} run on unit {@code unit} through juju exec: only the
     * nova-cloud-controller's machines have nova-manage (elsewhere the shell's 127); a lost unit does not answer.
     */
    public synchronized String discoverHostsOn(String unit) {
        JujuUnit u = unit(unit).orElseThrow(() -> LabException.notFound("ERROR unit \"" + unit + "\" not found"));
        if (u.agent().current().equals("lost")) {
            throw LabException.conflict("ERROR timed out waiting for results from: unit " + unit);
        }
        if (!applications.get(u.application()).charm().equals("nova-cloud-controller")) {
            throw LabException.notFound("bash: line 1: nova-manage: command not found");
        }
        count("juju-exec-discover-hosts", unit);
        return discoverHosts();
    }

    public synchronized void restartUnitService(String unit, String service) {
        JujuUnit u = unit(unit).orElseThrow(() -> LabException.notFound("ERROR unit \"" + unit + "\" not found"));
        if (u.agent().current().equals("lost")) {
            throw LabException.conflict("ERROR timed out waiting for results from: unit " + unit);
        }
        if (!CharmCatalogue.hasService(applications.get(u.application()).charm(), service)) {
            throw LabException.notFound("Failed to restart " + service + (service.contains(".") ? "" : ".service") + ": Unit "
                    + service + (service.contains(".") ? "" : ".service") + " not found.");
        }
        count("restart-unit-service", unit + "/" + service);
    }

    // ------------------------------------------------------------------ daily health check: Galera and the charmed units' logs

    /**
     * The wsrep status node {@code host} shows ({@code wsrep_cluster_size}, {@code wsrep_cluster_status},
     * {@code wsrep_local_state_comment}): the cluster is the mariadb hosts of the inventory whose mariadb runs and that have
     * not left it (fault galera-node-out); a node that left it sees only itself, non-Primary.
     */
    public synchronized Map<String, String> wsrepStatus(String host) {
        List<String> members = inventoryHosts(inventoryPath, "mariadb").stream().filter(h -> !holdsExactly(FaultType.GALERA_NODE_OUT, h))
                .filter(h -> reachable(h) && containers(h).stream().anyMatch(c -> c.name().equals("mariadb") && c.running())).toList();
        boolean in = members.contains(host);
        return Map.of("wsrep_cluster_size", Integer.toString(in ? members.size() : 1), "wsrep_cluster_status", in ? "Primary" : "non-Primary",
                "wsrep_local_state_comment", in ? "Synced" : "Initialized");
    }

    /**
     * What {@code juju debug-log --no-tail --level <level> --limit <limit>} prints: the lines of each unit at that level or above,
     * oldest first, at most {@code limit} of the newest. The units log INFO lines; a unit-log-errors fault adds ERROR lines,
     * a unit in error its hook failure.
     */
    public synchronized List<String> jujuDebugLog(String level, int limit) {
        advance();
        boolean errorsOnly = level.equalsIgnoreCase("ERROR") || level.equalsIgnoreCase("CRITICAL");
        String time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(now());
        List<String> lines = new ArrayList<>();
        for (JujuUnit unit : units()) {
            String entity = "unit-" + unit.name().replace('/', '-');
            if (!errorsOnly) {
                lines.add(entity + ": " + time + " INFO juju.worker.uniter.operation ran \"update-status\" hook (via hook dispatching script: dispatch)");
            }
            holds(FaultType.UNIT_LOG_ERRORS, unit.name(), unit.application()).ifPresent(f -> lines.add(entity + ": " + time + " ERROR unit."
                    + unit.name() + ".juju-log " + f.messageOr("Hook error:\nkeystoneauth1.exceptions.connection.ConnectFailure: Unable to establish "
                    + "connection to http://10.20.0.240:5000/v3/auth/tokens").lines().findFirst().orElse("")));
            if (unit.workload().current().equals("error")) {
                lines.add(entity + ": " + time + " ERROR juju.worker.uniter.operation hook \"" + unit.workload().message()
                        .replaceAll("^hook failed: \"(.*)\"$", "$1") + "\" (via hook dispatching script: dispatch) failed: exit status 1");
            }
        }
        return lines.subList(Math.max(0, lines.size() - (limit <= 0 ? lines.size() : limit)), lines.size());
    }

    private String innodbClusterStatus(String application) {
        List<JujuUnit> members = units().stream().filter(u -> u.application().equals(application)).toList();
        long missing = members.stream().filter(u -> holds(FaultType.GALERA_NODE_OUT, u.name(), hostOfUnit(u)).isPresent()
                || u.agent().current().equals("lost")).count();
        int tolerates = (int) ((members.size() - 1) / 2 - missing);
        String status = missing == 0 ? (tolerates > 0 ? "OK" : "OK_NO_TOLERANCE") : members.size() - missing > members.size() / 2
                ? (tolerates > 0 ? "OK_PARTIAL" : "OK_NO_TOLERANCE_PARTIAL") : "NO_QUORUM";
        String text = switch (status) {
            case "OK" -> "Cluster is ONLINE and can tolerate up to " + (tolerates == 1 ? "ONE failure." : tolerates + " failures.");
            case "NO_QUORUM" -> "Cluster has no quorum as visible from '" + members.get(0).publicAddress() + ":3306' and cannot process write "
                    + "transactions. " + missing + " members are not active.";
            default -> "Cluster is NOT tolerant to any failures. " + missing + " member" + (missing == 1 ? " is" : "s are") + " not active.";
        };
        StringBuilder topology = new StringBuilder();
        for (JujuUnit u : members) {
            boolean out = holds(FaultType.GALERA_NODE_OUT, u.name(), hostOfUnit(u)).isPresent() || u.agent().current().equals("lost");
            String address = u.publicAddress() + ":3306";
            topology.append(topology.isEmpty() ? "" : ", ").append("\"").append(address).append("\": {\"address\": \"").append(address)
                    .append("\", \"memberRole\": \"").append(u.number() == 0 ? "PRIMARY" : "SECONDARY").append("\", \"mode\": \"")
                    .append(out ? "n/a" : u.number() == 0 ? "R/W" : "R/O").append("\", \"role\": \"HA\", \"status\": \"")
                    .append(out ? "(MISSING)" : "ONLINE").append("\"}");
        }
        return "{\"clusterName\": \"jujuCluster\", \"defaultReplicaSet\": {\"name\": \"default\", \"primary\": \"" + members.get(0).publicAddress()
                + ":3306\", \"ssl\": \"REQUIRED\", \"status\": \"" + status + "\", \"statusText\": \"" + text + "\", \"topology\": {" + topology
                + "}, \"topologyMode\": \"Single-Primary\"}, \"groupInformationSourceMember\": \"" + members.get(0).publicAddress() + ":3306\"}";
    }

    // ------------------------------------------------------------------ helpers

    private String uuid(String kind, String key) {
        return UUID.nameUUIDFromBytes((name + "/" + kind + "/" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int compareMachineIds(String a, String b) {
        String[] pa = a.split("/");
        String[] pb = b.split("/");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            int c = i % 2 == 1 ? pa[i].compareTo(pb[i]) : Integer.compare(Integer.parseInt(pa[i]), Integer.parseInt(pb[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    }

    // ------------------------------------------------------------------ building (topology loader)

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
            defaultRatios = new double[] {cpu, ram, disk};
            return this;
        }

        public Builder node(LabNode node) {
            nodes.put(node.hostname(), node);
            deployedHosts.add(node.hostname());
            hostReleases.put(node.hostname(), openstackRelease);
            return this;
        }

        public Builder machine(MaasMachine machine) {
            machines.put(machine.systemId(), machine);
            maasTags.addAll(machine.tags());
            return this;
        }

        public Builder hypervisor(String host, String zone, int vcpus, long ramMib, long diskGib) {
            int id = hypervisors.size() + 1;
            hypervisors.put(host, new Hypervisor(id, uuid("service", host), host, zone, vcpus, ramMib, diskGib, defaultRatios[0], defaultRatios[1],
                    defaultRatios[2], true, "", false, true));
            return this;
        }

        public Builder disabledComputeService(String host, String reason) {
            Hypervisor h = hypervisors.get(host);
            hypervisors.put(host, h.withService(false, reason, false));
            return this;
        }

        public Builder flavor(Flavor flavor) {
            flavors.put(flavor.name(), flavor);
            return this;
        }

        public Builder aggregate(String name, List<String> hosts, Map<String, String> metadata) {
            int id = aggregates.size() + 1;
            aggregates.add(new HostAggregate(id, uuid("aggregate", name), name, hosts, metadata));
            return this;
        }

        public Builder serverGroup(ServerGroup group) {
            serverGroups.put(group.id(), group);
            return this;
        }

        public Builder instance(Instance instance) {
            instances.put(instance.id(), instance);
            return this;
        }

        public Builder agent(String type, String binary, String host, String zone) {
            addAgent(type, binary, host, zone);
            return this;
        }

        public Builder volumeService(String binary, String host, String zone) {
            volumeServices.add(new VolumeService(binary, host, zone, true, true));
            return this;
        }

        public Builder user(KeystoneUser user) {
            users.put(user.id(), user);
            return this;
        }

        public Builder securityGroup(SecurityGroup group) {
            securityGroups.put(group.id(), group);
            return this;
        }

        public Builder floatingIp(FloatingIp ip) {
            floatingIps.put(ip.id(), ip);
            return this;
        }

        public Builder port(Port port) {
            ports.put(port.id(), port);
            return this;
        }

        public Builder backup(String kind, String host, String location, Instant takenAt, long size) {
            Backup b = new Backup("b" + (backups.size() + 1), kind, host, location, takenAt, size, sha256(name + kind + location + takenAt));
            backups.add(b);
            if (location.startsWith("volume:mariadb_backup/")) { // the file in the volume, as a run of mariadb_backup leaves it
                files.put(MARIADB_BACKUP_VOLUME + "/" + location.substring("volume:mariadb_backup/".length()), new LabFile("mariabackup xbstream " + b.sha256(), size));
            }
            return this;
        }

        public Builder ceph(String fsid, List<String> monitors, Map<String, Integer> osdsByHost) {
            cephFsid = fsid;
            cephMonitors.addAll(monitors);
            cephOsdsByHost.putAll(osdsByHost);
            return this;
        }

        public Builder juju(String version, String model) {
            jujuVersion = version;
            jujuModel = model;
            return this;
        }

        public Builder application(JujuApplication app) {
            applications.put(app.name(), app);
            return this;
        }

        public Builder jujuMachine(JujuMachine machine) {
            jujuMachines.put(machine.id(), machine);
            if (!machine.container()) {
                nextMachineId = Math.max(nextMachineId, Integer.parseInt(machine.id()) + 1);
            }
            return this;
        }

        /** A settled unit (and the units of the application's subordinates beside it). */
        public Builder unit(String application, String machineId) {
            JujuApplication app = applications.get(application);
            JujuUnit unit = newUnit(app, machineId, "", null);
            for (JujuApplication sub : applications.values()) {
                if (sub.subordinateTo().contains(application)) {
                    newUnit(sub, machineId, unit.name(), null);
                }
            }
            return this;
        }

        public Builder kolla(String version, String inventory, String inventoryText, String globals, String globalsText) {
            kollaAnsibleVersion = version;
            inventoryPath = inventory;
            globalsPath = globals;
            files.put(inventory, LabFile.text(inventoryText));
            files.put(globals, LabFile.text(globalsText));
            return this;
        }

        public Builder file(String path, String content) {
            files.put(path, LabFile.text(content));
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
}
