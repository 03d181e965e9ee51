package io.dayshift.lab.model;

import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.PowerState;
import io.dayshift.machine.ScriptPhase;
import io.dayshift.machine.ScriptStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The MAAS region of a simulated site: its machines with their commissioning and testing runs, its tags, and the views
 * the lab's MAAS region API serves (script sets, error descriptions, tag comments).
 */
public final class MaasState extends ServiceState {

    private static final List<String> COMMISSIONING_SCRIPTS = List.of("00-maas-00-support-info", "00-maas-01-cpuinfo", "00-maas-02-virtuality",
            "00-maas-03-install-lldpd", "20-maas-01-install-lldpd", "30-maas-01-bmc-config", "50-maas-01-commissioning");

    /** The MAAS user the lab's API key belongs to (an administrator, as commissioning requires). */
    public static final String MAAS_API_USER = "admin";

    /** MAAS's default testing script after commissioning. */
    public static final String DEFAULT_TESTING_SCRIPT = "smartctl-validate";

    private static final String FAILING_COMMISSIONING_SCRIPT = "50-maas-01-commissioning";

    private static final Set<MachineStatus> RELEASABLE = Set.of(MachineStatus.ALLOCATED, MachineStatus.RESERVED, MachineStatus.BROKEN,
            MachineStatus.DEPLOYING, MachineStatus.DEPLOYED, MachineStatus.FAILED_DEPLOYMENT, MachineStatus.FAILED_DISK_ERASING,
            MachineStatus.FAILED_RELEASING);

    final Map<String, MaasMachine> machines = new LinkedHashMap<>();
    final Set<String> maasTags = new LinkedHashSet<>();
    final Map<String, ScriptRun> scriptRuns = new HashMap<>();
    final Map<String, String> errorDescriptions = new HashMap<>();
    final Map<String, String> tagComments = new HashMap<>();
    int nextScriptSetId = 1;
    int nextScriptResultId = 1;

    MaasState(LabSite site) {
        super(site);
    }

    /** Ends the step of every machine whose simulated time is up. */
    void advanceMachines() {
        for (MaasMachine m : List.copyOf(machines.values())) {
            if (m.pendingStatus() != null && reached(m.pendingUntil())) {
                finishMachine(m);
            }
        }
    }

    public List<MaasMachine> machines() {
        synchronized (site) {
            advance();
            return List.copyOf(machines.values());
        }
    }

    public Optional<MaasMachine> machine(String systemId) {
        synchronized (site) {
            advance();
            return Optional.ofNullable(machines.get(systemId));
        }
    }

    public Optional<MaasMachine> machineByHostname(String hostname) {
        synchronized (site) {
            advance();
            return machines.values().stream().filter(m -> m.hostname().equals(hostname)).findFirst();
        }
    }

    public Set<String> maasTags() {
        synchronized (site) {
            return Set.copyOf(maasTags);
        }
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
    public MaasMachine commission(String systemId) {
        synchronized (site) {
            return commission(systemId, MAAS_API_USER, List.of(), List.of(), false);
        }
    }

    /** Allocates a Ready machine having every tag (and the system id and zone, when given) to {@code owner}. */
    public MaasMachine allocate(List<String> tags, String systemId, String zone, String owner) {
        synchronized (site) {
            advance();
            MaasMachine m = findAllocatable(tags, systemId, zone).orElseThrow(() -> LabException.conflict(notAvailable(tags, systemId, zone)));
            count("maas-allocate", systemId);
            MaasMachine allocated = m.with(owner, m.powerState(), "", m.tags(), m.scriptResults())
                    .withStatus(MachineStatus.ALLOCATED, "From 'Ready' to 'Allocated' (to " + owner + ")");
            machines.put(m.systemId(), allocated);
            return allocated;
        }
    }

    /** A Ready machine allocated to {@code owner} (by Juju on its way to deploying it). */
    void allocated(MaasMachine m, String owner) {
        machines.put(m.systemId(), m.with(owner, m.powerState(), "", m.tags(), m.scriptResults())
                .withStatus(MachineStatus.ALLOCATED, "From 'Ready' to 'Allocated' (to " + owner + ")"));
    }

    Optional<MaasMachine> findAllocatable(List<String> tags, String systemId, String zone) {
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
    public MaasMachine deploy(String systemId, String distroSeries, String owner) {
        synchronized (site) {
            advance();
            MaasMachine m = requireMachine(systemId);
            if (m.status() != MachineStatus.ALLOCATED && m.status() != MachineStatus.READY) {
                throw LabException.conflict("Can't deploy a machine that is in the '" + m.status().label() + "' state");
            }
            count("maas-deploy", systemId);
            String by = m.owner().isEmpty() ? owner : m.owner();
            MaasMachine deploying = m.with(by, PowerState.ON, distroSeries == null || distroSeries.isEmpty() ? "jammy" : distroSeries, m.tags(),
                    m.scriptResults()).pending(MachineStatus.DEPLOYING, "Deploying", MachineStatus.DEPLOYED, due(LabOperation.MACHINE_DEPLOY, systemId));
            machines.put(systemId, deploying);
            return deploying;
        }
    }

    /** Releases a machine: Releasing now, Ready (owner cleared, powered off) after {@link LabOperation#MACHINE_RELEASE}; a Ready machine stays. */
    public MaasMachine release(String systemId) {
        synchronized (site) {
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
            MaasMachine releasing = m.pending(MachineStatus.RELEASING, "Releasing", MachineStatus.READY, due(LabOperation.MACHINE_RELEASE, systemId));
            machines.put(systemId, releasing);
            return releasing;
        }
    }

    public MaasMachine powerOn(String systemId) {
        synchronized (site) {
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
    }

    public MaasMachine powerOff(String systemId) {
        synchronized (site) {
            advance();
            MaasMachine m = requireMachine(systemId);
            count("maas-power-off", systemId);
            MaasMachine off = m.with(m.owner(), PowerState.OFF, m.distroSeries(), m.tags(), m.scriptResults());
            machines.put(systemId, off);
            return off;
        }
    }

    /** Creates a tag (a no-op if it exists). */
    public void createTag(String tag) {
        synchronized (site) {
            if (maasTags.add(tag)) {
                count("maas-create-tag", tag);
            }
        }
    }

    /** Adds a tag to a machine; returns false when it already had it. */
    public boolean tagMachine(String systemId, String tag) {
        synchronized (site) {
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
    }

    public boolean untagMachine(String systemId, String tag) {
        synchronized (site) {
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
                site.nodes.remove(m.hostname());
            }
            case DEPLOYED -> {
                machines.put(m.systemId(), m.withStatus(MachineStatus.DEPLOYED, "From 'Deploying' to 'Deployed'"));
                site.nodes.putIfAbsent(m.hostname(), new LabNode(m.hostname(), m.ipAddresses().isEmpty() ? "" : m.ipAddresses().get(0), m.zone(),
                        List.of()));
            }
            default -> machines.put(m.systemId(), m.withStatus(next, "From '" + m.status().label() + "' to '" + next.label() + "'"));
        }
    }

    /** A machine's current commissioning and testing sets, and the failure decided when commissioning started. */
    private record ScriptRun(int commissioningSetId, int testingSetId, ScriptPhase failingPhase, String failingScript, String failureOutput) {
    }

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
    public MaasMachine commission(String systemId, String owner, List<String> commissioningScripts, List<String> testingScripts,
                                               boolean skipTesting) {
        synchronized (site) {
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
                    .pending(MachineStatus.COMMISSIONING, "From '" + m.status().label() + "' to 'Commissioning'", then, due(LabOperation.COMMISSION, systemId));
            machines.put(systemId, started);
            return started;
        }
    }

    /** The machine's current commissioning or testing run, empty when it has none. */
    public Optional<LabScriptSet> currentScriptSet(String systemId, ScriptPhase phase) {
        synchronized (site) {
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
    }

    /** One of the machine's current script sets by its id, empty when it is not one of them. */
    public Optional<LabScriptSet> scriptSet(String systemId, int id) {
        synchronized (site) {
            for (ScriptPhase phase : ScriptPhase.values()) {
                Optional<LabScriptSet> set = currentScriptSet(systemId, phase);
                if (set.isPresent() && set.get().id() == id) {
                    return set;
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Marks a machine Broken with {@code comment} as its error description, releasing it first (owner cleared, powered
     * off, out of the cloud) when it was allocated or deployed, as MAAS's {@code Node.mark_broken} does.
     */
    public MaasMachine markBroken(String systemId, String comment) {
        synchronized (site) {
            advance();
            MaasMachine m = requireMachine(systemId);
            count("maas-mark-broken", systemId);
            boolean release = RELEASABLE.contains(m.status());
            MaasMachine broken = m.with("", release ? PowerState.OFF : m.powerState(), release ? "" : m.distroSeries(), m.tags(), m.scriptResults())
                    .withStatus(MachineStatus.BROKEN, "From '" + m.status().label() + "' to 'Broken'");
            if (release) {
                site.nodes.remove(m.hostname());
            }
            errorDescriptions.put(systemId, comment == null ? "" : comment);
            machines.put(systemId, broken);
            return broken;
        }
    }

    /** The error description MAAS shows for the machine ({@code ""} when none). */
    public String errorDescription(String systemId) {
        synchronized (site) {
            return errorDescriptions.getOrDefault(systemId, "");
        }
    }

    /**
     * Releases a machine, erasing its disks first when asked: Disk erasing now, then Ready after
     * {@link LabOperation#MACHINE_RELEASE}. Without erasing, or for a Ready or Releasing machine, as {@link #release(String)}.
     */
    public MaasMachine release(String systemId, boolean erase) {
        synchronized (site) {
            advance();
            MaasMachine m = requireMachine(systemId);
            boolean noOp = m.status() == MachineStatus.READY || m.status() == MachineStatus.RELEASING;
            MaasMachine released = release(systemId);
            if (!erase || noOp) {
                return released;
            }
            MaasMachine erasing = released.pending(MachineStatus.DISK_ERASING, "From '" + m.status().label() + "' to 'Disk erasing'", MachineStatus.READY,
                    due(LabOperation.MACHINE_RELEASE, systemId));
            machines.put(systemId, erasing);
            return erasing;
        }
    }

    /** Creates a manual tag with a comment; returns false (and changes nothing) when it exists. */
    public boolean createTag(String tag, String comment) {
        synchronized (site) {
            if (maasTags.contains(tag)) {
                return false;
            }
            createTag(tag);
            tagComments.put(tag, comment == null ? "" : comment);
            return true;
        }
    }

    public String tagComment(String tag) {
        synchronized (site) {
            return tagComments.getOrDefault(tag, "");
        }
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
                    site.nodes.remove(current.hostname());
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
                            ? MachineStatus.FAILED_TESTING : MachineStatus.READY, site.dueFrom(at, LabOperation.MACHINE_TESTING, m.systemId()));
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
}
