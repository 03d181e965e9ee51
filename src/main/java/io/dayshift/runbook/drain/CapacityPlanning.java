package io.dayshift.runbook.drain;

import io.dayshift.approval.PlanTable;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.HostAggregate;
import io.dayshift.compute.Hypervisor;
import io.dayshift.compute.ResourceInventory;
import io.dayshift.compute.ResourceUsage;
import io.dayshift.compute.ServerSummary;
import io.dayshift.runbook.healthcheck.Thresholds;
import io.dayshift.site.Site;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the site into the planner's view, before anything moves: the other nova-compute hosts that are enabled and up,
 * each with its Placement capacity (inventories under their allocation ratios), its Placement usages, the server groups
 * of the drained instances that already have a member there, and (when a drained instance's flavor pins it to aggregates)
 * the metadata of its host aggregates. Then plans against the site's reserve and the health check's thresholds, and writes
 * the plan as the approval form shows it.
 */
final class CapacityPlanning {

    /** The plan, its text and its tables for the approval form. */
    record Planned(DrainPlan plan, String text, PlanTable table, int candidates) {
    }

    private final ComputeCloud compute;
    private final Thresholds thresholds;

    CapacityPlanning(ComputeCloud compute, Thresholds thresholds) {
        this.compute = compute;
        this.thresholds = thresholds;
    }

    Planned plan(Site site, String host, DrainInstances instances, String reason, int batchSize) {
        Map<String, String> hypervisorOf = new HashMap<>();
        for (Hypervisor h : compute.hypervisors(site)) {
            hypervisorOf.putIfAbsent(h.serviceHost(), h.hostname());
        }
        Map<String, Set<String>> groupsOn = groupsByHost(site, instances);
        Map<String, Map<String, Set<String>>> aggregatesOf = new HashMap<>();
        if (instances.instances().stream().anyMatch(i -> !i.pins().isEmpty())) {
            for (HostAggregate a : compute.aggregates(site)) {
                a.hosts().forEach(h -> AggregatePins.add(aggregatesOf.computeIfAbsent(h, k -> new HashMap<>()), a.metadata()));
            }
        }
        List<Host> candidates = new ArrayList<>();
        String zone = "";
        for (ComputeService s : compute.computeServices(site)) {
            if (s.isCompute() && s.host().equals(host)) {
                zone = s.zone();
            }
            if (!s.isCompute() || !s.enabled() || !s.up() || s.forcedDown() || s.host().equals(host) || !hypervisorOf.containsKey(s.host())) {
                continue;
            }
            String node = hypervisorOf.get(s.host());
            Resources capacity = capacity(compute.inventories(site, node));
            Resources used = used(compute.usages(site, node));
            candidates.add(new Host(s.host(), s.zone(), capacity, used, groupsOn.getOrDefault(s.host(), Set.of()), aggregatesOf.getOrDefault(s.host(), Map.of())));
        }
        CapacityRules rules = new CapacityRules(site.capacity().reserveHosts(), thresholds);
        DrainPlan plan = DrainPlanner.plan(host, zone, instances.toPlanned(), candidates, rules);
        String text = text(site, host, instances, reason, plan, batchSize);
        return new Planned(plan, text, table(site, host, instances, plan), candidates.size());
    }

    /** Host → the groups (of the drained instances) with a member on it. */
    private Map<String, Set<String>> groupsByHost(Site site, DrainInstances instances) {
        Set<String> drained = new HashSet<>(instances.ids());
        Map<String, Set<String>> groupsOn = new HashMap<>();
        Set<String> wanted = new HashSet<>();
        instances.instances().forEach(i -> {
            if (!i.serverGroupId().isEmpty()) {
                wanted.add(i.serverGroupId());
            }
        });
        for (io.dayshift.compute.ServerGroup group : compute.serverGroups(site)) {
            if (!wanted.contains(group.id())) {
                continue;
            }
            for (String member : group.members()) {
                if (!drained.contains(member)) {
                    compute.server(site, member).flatMap(ServerSummary::host)
                            .ifPresent(h -> groupsOn.computeIfAbsent(h, k -> new HashSet<>()).add(group.id()));
                }
            }
        }
        return groupsOn;
    }

    static Resources capacity(List<ResourceInventory> inventories) {
        Map<String, Long> by = new HashMap<>();
        inventories.forEach(i -> by.put(i.resourceClass(), i.capacity()));
        return new Resources(by.getOrDefault("VCPU", 0L), by.getOrDefault("MEMORY_MB", 0L), by.getOrDefault("DISK_GB", 0L));
    }

    static Resources used(List<ResourceUsage> usages) {
        Map<String, Long> by = new HashMap<>();
        usages.forEach(u -> by.put(u.resourceClass(), u.used()));
        return new Resources(by.getOrDefault("VCPU", 0L), by.getOrDefault("MEMORY_MB", 0L), by.getOrDefault("DISK_GB", 0L));
    }

    private String text(Site site, String host, DrainInstances instances, String reason, DrainPlan plan, int batchSize) {
        StringBuilder out = new StringBuilder();
        out.append("Drain ").append(host).append(plan.zone().isEmpty() ? "" : " (" + plan.zone() + ")").append(" on site ").append(site.name())
                .append(": ").append(instances.instances().size()).append(" instance(s). Reason: \"").append(reason).append("\".\n");
        out.append(plan.feasible() ? "Expected moves" : "Moves the plan found").append(" (largest first, ").append(batchSize)
                .append(" at a time; Nova's scheduler makes the final choice):\n");
        for (DrainInstance i : instances.instances()) {
            out.append("  - ").append(i.label()).append(' ').append(i.flavorName()).append(" (").append(i.flavor()).append("), ").append(i.status())
                    .append(i.zone().isEmpty() ? "" : ", zone " + i.zone())
                    .append(i.serverGroupId().isEmpty() ? "" : ", " + i.serverGroupPolicy() + " group " + i.serverGroupName())
                    .append(i.pins().isEmpty() ? "" : ", pinned to aggregates with " + AggregatePins.describe(i.pins()))
                    .append(" → ").append(plan.moves().getOrDefault(i.id(), "no host"))
                    .append(" (").append(how(i.status())).append(")\n");
        }
        out.append("Other enabled, up compute hosts (Placement capacity under the allocation ratios; use now → after the moves; thresholds: vCPU ")
                .append(thresholds.cpuPercent()).append(" %, RAM ").append(thresholds.ramPercent()).append(" %, disk ")
                .append(thresholds.diskPercent()).append(" %):\n");
        for (HostLoad l : plan.loads()) {
            out.append("  - ").append(l.host()).append(" (").append(l.zone()).append("): capacity ").append(l.capacity()).append("; vCPU ")
                    .append(change(l.usedBefore().vcpus(), l.usedAfter().vcpus(), l.capacity().vcpus())).append(", RAM ")
                    .append(change(l.usedBefore().ramMb(), l.usedAfter().ramMb(), l.capacity().ramMb())).append(", disk ")
                    .append(change(l.usedBefore().diskGb(), l.usedAfter().diskGb(), l.capacity().diskGb())).append('\n');
        }
        if (plan.loads().isEmpty()) {
            out.append("  (none)\n");
        }
        for (Reserve r : plan.reserves()) {
            out.append(Character.toUpperCase(r.scope().charAt(0))).append(r.scope().substring(1)).append(" after the moves: ").append(r.freeAfter())
                    .append(" free on ").append(r.hosts()).append(" host(s); reserve to keep free (").append(site.capacity().reserveHosts())
                    .append(" × its largest host): ").append(r.reserve()).append(r.kept() ? " — kept" : " — NOT kept").append(".\n");
        }
        plan.problems().forEach(p -> out.append("Problem: ").append(p).append('\n'));
        plan.warnings().forEach(w -> out.append("Warning: ").append(w).append('\n'));
        out.append("An instance whose live migration fails is cold-migrated: its guest restarts on the new host.");
        return out.toString();
    }

    /** The plan as tables: each instance's expected move, each other host's use before → after against the thresholds, the notes. */
    private PlanTable table(Site site, String host, DrainInstances instances, DrainPlan plan) {
        List<PlanTable.Move> moves = instances.instances().stream().map(i -> new PlanTable.Move(i.label(), i.flavorName() + " (" + i.flavor() + ")",
                host, plan.moves().getOrDefault(i.id(), "no host"), how(i.status()),
                "kept: " + (i.flavor().diskGb() > 0 ? "moves with the instance" : "no local disk") + " (flavor disk " + i.flavor().diskGb() + " GiB)")).toList();
        int[] limits = {thresholds.cpuPercent(), thresholds.ramPercent(), thresholds.diskPercent()};
        List<PlanTable.HostUsage> hosts = plan.loads().stream().map(l -> PlanTable.HostUsage.of(l.host(), l.zone(), amounts(l.capacity()),
                amounts(l.usedBefore()), amounts(l.usedAfter()), limits)).toList();
        List<PlanTable.Note> notes = new ArrayList<>();
        plan.problems().forEach(p -> notes.add(new PlanTable.Note(PlanTable.PROBLEM, p)));
        plan.warnings().forEach(w -> notes.add(new PlanTable.Note(PlanTable.WARNING, w)));
        for (Reserve r : plan.reserves()) {
            notes.add(new PlanTable.Note(PlanTable.RESERVE, r.scope() + ": " + r.freeAfter() + " free after the moves on " + r.hosts() + " host(s), reserve "
                    + r.reserve() + " (" + site.capacity().reserveHosts() + " × its largest host)" + (r.kept() ? ": kept" : ": NOT kept")));
        }
        notes.add(new PlanTable.Note(PlanTable.NOTE, "Nova's scheduler makes the final choice of each target; an instance whose live migration fails "
                + "is cold-migrated: its guest restarts on the new host."));
        return new PlanTable("Drain " + host + (plan.zone().isEmpty() ? "" : " (" + plan.zone() + ")") + " on site " + site.name() + ": "
                + instances.instances().size() + " instance(s)", moves, hosts, List.of(), notes);
    }

    private static long[] amounts(Resources r) {
        return new long[] {r.vcpus(), r.ramMb(), r.diskGb()};
    }

    private static String change(long before, long after, long capacity) {
        return String.format(Locale.ROOT, "%.1f %% → %.1f %%", HostLoad.percent(before, capacity), HostLoad.percent(after, capacity));
    }

    private static String how(String status) {
        return switch (status) {
            case "ACTIVE", "PAUSED" -> "live migration";
            case "SHUTOFF" -> "cold migration, the guest is off";
            default -> "Nova cannot move a server in " + status + ": an ops lead decides";
        };
    }
}
