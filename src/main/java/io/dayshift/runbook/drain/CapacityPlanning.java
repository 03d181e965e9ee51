package io.dayshift.runbook.drain;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.Hypervisor;
import io.dayshift.compute.ResourceInventory;
import io.dayshift.compute.ResourceUsage;
import io.dayshift.compute.ServerSummary;
import io.dayshift.site.Site;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the site into the planner's view, before anything moves: the other nova-compute hosts that are enabled and up,
 * each with its Placement capacity (inventories under their allocation ratios), its Placement usages, and the server
 * groups of the drained instances that already have a member there. Then plans, and writes the plan as the approval
 * form shows it.
 */
final class CapacityPlanning {

    /** The plan and its text for the approval form. */
    record Planned(DrainPlan plan, String text, int candidates) {
    }

    private final ComputeCloud compute;

    CapacityPlanning(ComputeCloud compute) {
        this.compute = compute;
    }

    Planned plan(Site site, String host, DrainInstances instances, String reason, int batchSize) {
        Map<String, String> hypervisorOf = new HashMap<>();
        for (Hypervisor h : compute.hypervisors(site)) {
            hypervisorOf.putIfAbsent(h.serviceHost(), h.hostname());
        }
        Map<String, Set<String>> groupsOn = groupsByHost(site, instances);
        List<Host> candidates = new ArrayList<>();
        for (ComputeService s : compute.computeServices(site)) {
            if (!s.isCompute() || !s.enabled() || !s.up() || s.forcedDown() || s.host().equals(host) || !hypervisorOf.containsKey(s.host())) {
                continue;
            }
            String node = hypervisorOf.get(s.host());
            Resources capacity = capacity(compute.inventories(site, node));
            Resources used = used(compute.usages(site, node));
            candidates.add(new Host(s.host(), s.zone(), capacity, used, groupsOn.getOrDefault(s.host(), Set.of())));
        }
        DrainPlan plan = DrainPlanner.plan(host, instances.toPlanned(), candidates, site.capacity().reserveHosts());
        return new Planned(plan, text(site, host, instances, reason, candidates, plan, batchSize), candidates.size());
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

    private static String text(Site site, String host, DrainInstances instances, String reason, List<Host> candidates, DrainPlan plan, int batchSize) {
        StringBuilder out = new StringBuilder();
        out.append("Drain ").append(host).append(" on site ").append(site.name()).append(": ").append(instances.instances().size())
                .append(" instance(s). Reason: \"").append(reason).append("\".\n");
        out.append(plan.feasible() ? "Expected moves" : "Moves the plan found").append(" (largest first, ").append(batchSize)
                .append(" at a time; Nova's scheduler makes the final choice):\n");
        for (DrainInstance i : instances.instances()) {
            out.append("  - ").append(i.label()).append(' ').append(i.flavorName()).append(" (").append(i.flavor()).append("), ").append(i.status())
                    .append(i.zone().isEmpty() ? "" : ", zone " + i.zone())
                    .append(i.serverGroupId().isEmpty() ? "" : ", " + i.serverGroupPolicy() + " group " + i.serverGroupName())
                    .append(" → ").append(plan.moves().getOrDefault(i.id(), "no host"))
                    .append(" (").append(how(i.status())).append(")\n");
        }
        Map<String, Resources> after = new LinkedHashMap<>();
        candidates.forEach(c -> after.put(c.name(), c.free()));
        instances.instances().forEach(i -> {
            String to = plan.moves().get(i.id());
            if (to != null) {
                after.put(to, after.get(to).minus(i.flavor()));
            }
        });
        out.append("Other enabled, up compute hosts (Placement capacity under the allocation ratios):\n");
        for (Host c : candidates) {
            out.append("  - ").append(c.name()).append(" (").append(c.zone()).append("): capacity ").append(c.capacity()).append("; free now ")
                    .append(c.free()).append("; free after ").append(after.get(c.name())).append('\n');
        }
        if (candidates.isEmpty()) {
            out.append("  (none)\n");
        }
        out.append("Free on the other hosts after the moves: ").append(plan.freeAfter()).append("; reserve to keep free (")
                .append(site.capacity().reserveHosts()).append(" host(s)): ").append(plan.reserve()).append(".\n");
        plan.problems().forEach(p -> out.append("Problem: ").append(p).append('\n'));
        out.append("An instance whose live migration fails is cold-migrated: its guest restarts on the new host.");
        return out.toString();
    }

    private static String how(String status) {
        return switch (status) {
            case "ACTIVE", "PAUSED" -> "live migration";
            case "SHUTOFF" -> "cold migration, the guest is off";
            default -> "Nova cannot move a server in " + status + ": an ops lead decides";
        };
    }
}
