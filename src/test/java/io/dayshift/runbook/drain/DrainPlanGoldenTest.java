package io.dayshift.runbook.drain;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.HostAggregate;
import io.dayshift.compute.Hypervisor;
import io.dayshift.compute.ResourceInventory;
import io.dayshift.compute.ResourceUsage;
import io.dayshift.compute.ServerSummary;
import io.dayshift.golden.Golden;
import io.dayshift.golden.GoldenPlanTest;
import io.dayshift.runbook.healthcheck.Thresholds;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Golden plans of {@code drain-compute-node}: the site as {@code Task_ListInstances} and {@code Task_PlanCapacity} read it
 * (Nova's compute services and hypervisors, Placement inventories and usages, server groups, host aggregates, the
 * instances on the host with their flavors) in {@code golden/drain/<case>.yaml}; the plan the approver reads
 * ({@link CapacityPlanning}) and the moves and reserves as the planner returned them in {@code <case>.plan.txt}.
 */
class DrainPlanGoldenTest extends GoldenPlanTest<DrainPlanGoldenTest.Fixture> {

    /** The health check's default thresholds ({@code dayshift.health-check.*-percent}). */
    static final Thresholds DEFAULT_THRESHOLDS = Thresholds.SEED;

    /**
     * @param site             a site of {@code golden/sites.yaml} (its {@code capacity.reserve-hosts} is the reserve)
     * @param host             the host to drain
     * @param batchSize        how many instances move at once
     * @param allocationRatios the Placement allocation ratios of every host, as the lab topology gives them
     * @param hosts            every nova-compute host, the drained one among them
     * @param flavors          the flavors the instances were booted with, as the lab topology lists them
     * @param instances        the instances on the drained host
     * @param serverGroups     the server groups, each member with the host it is on
     */
    record Fixture(String site, String host, String reason, int batchSize, Thresholds thresholds, Ratios allocationRatios, List<HostFacts> hosts,
                   List<HostAggregate> aggregates, Map<String, FlavorFacts> flavors, List<InstanceFacts> instances, List<Group> serverGroups) {
    }

    record Ratios(double cpu, double ram, double disk) {
    }

    /**
     * @param enabled false: an operator disabled its nova-compute
     * @param up      false: its nova-compute is down
     * @param used    what its instances use now (Placement usages)
     */
    record HostFacts(String name, String zone, int cpus, long ramMib, long diskGib, Boolean enabled, Boolean up, Used used) {
    }

    record Used(long vcpus, long ramMib, long diskGib) {
    }

    /** @param diskGib the root disk plus ephemeral and swap that Nova embeds in the server (compute 2.47), booted from a volume or not */
    record FlavorFacts(int vcpus, long ramMib, long diskGib, Map<String, String> extraSpecs) {
    }

    record InstanceFacts(String id, String name, String project, String status, String flavor, String zone) {
    }

    /** @param members server id → the host it is on */
    record Group(String id, String name, String policy, Map<String, String> members) {
    }

    DrainPlanGoldenTest() {
        super("drain", Fixture.class);
    }

    @Override
    protected String plan(Path fixture, Fixture f) {
        return text(planned(f), f);
    }

    @Override
    protected Object table(Path fixture, Fixture f) {
        return planned(f).table();
    }

    private CapacityPlanning.Planned planned(Fixture f) {
        List<Group> groups = f.serverGroups() == null ? List.of() : f.serverGroups();
        ComputeCloud compute = Golden.port(ComputeCloud.class, Map.of(
                "computeServices", args -> f.hosts().stream().map(h -> new ComputeService("svc-" + h.name(), ComputeService.NOVA_COMPUTE, h.name(),
                        h.zone(), h.enabled() == null || h.enabled(), h.up() == null || h.up(), false,
                        Optional.ofNullable(h.enabled() == null || h.enabled() ? null : "disabled by an operator"), Optional.empty())).toList(),
                "hypervisors", args -> f.hosts().stream().map(h -> new Hypervisor("hv-" + h.name(), h.name() + ".lab.example", h.name(), "QEMU", true,
                        true, h.cpus(), 0, h.ramMib(), 0, h.diskGib(), 0, 0)).toList(),
                "inventories", args -> host(f, (String) args[1]).map(h -> List.of(
                        new ResourceInventory("VCPU", h.cpus(), 0, f.allocationRatios().cpu(), h.cpus()),
                        new ResourceInventory("MEMORY_MB", h.ramMib(), 0, f.allocationRatios().ram(), h.ramMib()),
                        new ResourceInventory("DISK_GB", h.diskGib(), 0, f.allocationRatios().disk(), h.diskGib()))).orElseThrow(),
                "usages", args -> host(f, (String) args[1]).map(h -> h.used() == null ? List.<ResourceUsage>of() : List.of(
                        new ResourceUsage("VCPU", h.used().vcpus()), new ResourceUsage("MEMORY_MB", h.used().ramMib()),
                        new ResourceUsage("DISK_GB", h.used().diskGib()))).orElseThrow(),
                "serverGroups", args -> groups.stream().map(g -> new io.dayshift.compute.ServerGroup(g.id(), g.name(), "project", g.policy(),
                        List.copyOf(g.members().keySet()))).toList(),
                "server", args -> groups.stream().flatMap(g -> g.members().entrySet().stream()).filter(m -> m.getKey().equals(args[1])).findFirst()
                        .map(m -> new ServerSummary(m.getKey(), m.getKey(), "project", "ACTIVE", Optional.empty(), Optional.of(m.getValue()))),
                "aggregates", args -> f.aggregates() == null ? List.of() : f.aggregates()));
        DrainInstances instances = new DrainInstances(f.instances().stream().map(i -> instance(f, i, groups)).toList());
        return new CapacityPlanning(compute, f.thresholds() == null ? DEFAULT_THRESHOLDS : f.thresholds())
                .plan(Golden.sites().require(f.site()), f.host(), instances, f.reason(), f.batchSize());
    }

    private static String text(CapacityPlanning.Planned planned, Fixture f) {
        List<Group> groups = f.serverGroups() == null ? List.of() : f.serverGroups();
        DrainInstances instances = new DrainInstances(f.instances().stream().map(i -> instance(f, i, groups)).toList());
        DrainPlan plan = planned.plan();
        StringBuilder out = new StringBuilder(planned.text());
        out.append("\n\n=== the plan as data ===\n")
                .append("feasible: ").append(plan.feasible()).append(", candidates: ").append(planned.candidates()).append('\n')
                .append("migration batches:\n");
        instances.batches(f.batchSize()).forEach(b -> out.append("  ").append(b.instanceIds().stream()
                .map(id -> id + " → " + plan.moves().getOrDefault(id, "(no host)")).toList()).append('\n'));
        out.append("reserves:\n");
        plan.reserves().forEach(r -> out.append("  ").append(r.scope()).append(": ").append(r.hosts()).append(" host(s), free after ")
                .append(r.freeAfter()).append(", reserve ").append(r.reserve()).append(r.kept() ? ", kept" : ", NOT kept").append('\n'));
        out.append("problems:").append(plan.problems().isEmpty() ? " (none)" : "").append('\n');
        plan.problems().forEach(p -> out.append("  ").append(p).append('\n'));
        return out.toString();
    }

    private static Optional<HostFacts> host(Fixture f, String hypervisorHostname) {
        return f.hosts().stream().filter(h -> (h.name() + ".lab.example").equals(hypervisorHostname)).findFirst();
    }

    /** What {@code Task_ListInstances} keeps of a server: its embedded flavor, zone, group and the aggregates its extra specs pin it to. */
    private static DrainInstance instance(Fixture f, InstanceFacts i, List<Group> groups) {
        FlavorFacts flavor = f.flavors().get(i.flavor());
        Optional<Group> group = groups.stream().filter(g -> g.members().containsKey(i.id())).findFirst();
        return new DrainInstance(i.id(), i.name(), i.project(), i.status(), i.flavor(), new Resources(flavor.vcpus(), flavor.ramMib(), flavor.diskGib()),
                i.zone(), group.map(Group::id).orElse(""), group.map(Group::name).orElse(""), group.map(Group::policy).orElse(""),
                AggregatePins.of(flavor.extraSpecs() == null ? Map.of() : flavor.extraSpecs()));
    }
}
