package io.dayshift.runbook.drain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides, before anything moves, whether the other hosts can take every instance of a host: within
 * each instance's availability zone and on the hosts of the aggregates its flavor pins it to, under the
 * hosts' allocation ratios, never putting two members of
 * an anti-affinity group on one host nor splitting an affinity group, and keeping each zone's reserve
 * ({@code reserveHosts} times the zone's largest host) free afterwards in the drained host's zone and in
 * every zone an instance moves to, and on every set of aggregate hosts an instance is pinned to: room
 * elsewhere does not count.
 * Hosts that would end above a usage threshold are named, by how much, without refusing the drain.
 *
 * <p>Largest instances are placed first, each on the host with the most free memory that fits it: the
 * spread Nova's default weighers aim for, and a plan an approver can read. It is an expectation, not
 * an order: the scheduler chooses the target when the instance moves.
 */
public final class DrainPlanner {

    private DrainPlanner() {
    }

    public static DrainPlan plan(String host, String zone, List<Instance> instances, List<Host> candidates, CapacityRules rules) {
        Map<String, Resources> free = new HashMap<>();
        Map<String, Set<String>> groupsOn = new HashMap<>();
        Map<String, Host> byName = new LinkedHashMap<>();
        for (Host candidate : candidates) {
            if (!candidate.name().equals(host)) {
                byName.put(candidate.name(), candidate);
                free.put(candidate.name(), candidate.free());
                groupsOn.put(candidate.name(), new HashSet<>(candidate.serverGroups()));
            }
        }
        Map<String, String> moves = new LinkedHashMap<>();
        Map<String, String> unplaceable = new LinkedHashMap<>();
        Map<String, String> affinityTargets = new HashMap<>();

        List<Instance> largestFirst = new ArrayList<>(instances);
        largestFirst.sort(Comparator.comparingLong((Instance i) -> i.flavor().ramMb())
                .thenComparingLong(i -> i.flavor().vcpus())
                .thenComparingLong(i -> i.flavor().diskGb())
                .reversed()
                .thenComparing(Instance::id));

        for (Instance instance : largestFirst) {
            Optional<Host> target = byName.values().stream()
                    .filter(h -> instance.zone().map(z -> z.equals(h.zone())).orElse(true))
                    .filter(h -> h.admits(instance))
                    .filter(h -> instance.flavor().fitsIn(free.get(h.name())))
                    .filter(h -> allowedByGroup(instance, h.name(), groupsOn, affinityTargets))
                    .max(Comparator.comparingLong((Host h) -> free.get(h.name()).ramMb()).thenComparing(Host::name, Comparator.reverseOrder()));
            if (target.isEmpty()) {
                unplaceable.put(label(instance), whyNot(instance, byName.values(), free, groupsOn, affinityTargets));
                continue;
            }
            String to = target.get().name();
            moves.put(instance.id(), to);
            free.put(to, free.get(to).minus(instance.flavor()));
            instance.serverGroup().ifPresent(group -> {
                groupsOn.get(to).add(group.id());
                if (group.policy() == ServerGroup.Policy.AFFINITY) {
                    affinityTargets.putIfAbsent(group.id(), to);
                }
            });
        }

        List<Reserve> reserves = reserves(zone, instances, moves, byName, free, rules);
        List<HostLoad> loads = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Host h : byName.values()) {
            HostLoad load = new HostLoad(h.name(), h.zone(), h.capacity(), h.used(), h.capacity().minus(free.get(h.name())));
            loads.add(load);
            if (!load.usedAfter().equals(load.usedBefore())) {
                warnings.addAll(load.overThresholds(rules.thresholds()));
            }
        }
        return new DrainPlan(host, zone, moves, unplaceable, reserves, loads, warnings);
    }

    /**
     * The reserves the drain must keep: in the drained host's zone and every zone an instance moves to, and on the hosts of
     * every set of aggregates a drained instance is pinned to (within its zone).
     */
    private static List<Reserve> reserves(String zone, List<Instance> instances, Map<String, String> moves, Map<String, Host> byName,
                                          Map<String, Resources> free, CapacityRules rules) {
        List<Reserve> reserves = new ArrayList<>();
        Set<String> touched = new TreeSet<>();
        touched.add(zone);
        moves.values().forEach(to -> touched.add(byName.get(to).zone()));
        for (String z : touched) {
            reserve("availability zone " + z, byName.values().stream().filter(h -> h.zone().equals(z)).toList(), free, rules)
                    .ifPresent(reserves::add);
        }
        Map<String, List<Host>> pinnedSets = new TreeMap<>();
        for (Instance instance : instances) {
            if (!instance.pins().isEmpty()) {
                String scope = "hosts" + instance.zone().map(z -> " in " + z).orElse("") + " of aggregates with " + AggregatePins.describe(instance.pins());
                pinnedSets.computeIfAbsent(scope, s -> byName.values().stream()
                        .filter(h -> instance.zone().map(z -> z.equals(h.zone())).orElse(true) && h.admits(instance)).toList());
            }
        }
        pinnedSets.forEach((scope, hosts) -> reserve(scope, hosts, free, rules).ifPresent(reserves::add));
        return reserves;
    }

    /** The reserve of a set of hosts: {@code reserveHosts} times its largest; none for an empty set (its instances are unplaceable). */
    private static Optional<Reserve> reserve(String scope, List<Host> hosts, Map<String, Resources> free, CapacityRules rules) {
        if (hosts.isEmpty()) {
            return Optional.empty();
        }
        Resources largest = hosts.stream().map(Host::capacity)
                .max(Comparator.comparingLong(Resources::ramMb).thenComparingLong(Resources::vcpus)).orElseThrow();
        Resources freeAfter = hosts.stream().map(h -> free.get(h.name())).reduce(Resources.NONE, Resources::plus);
        return Optional.of(new Reserve(scope, hosts.size(), largest.times(rules.reserveHosts()), freeAfter));
    }

    private static boolean allowedByGroup(Instance instance, String host, Map<String, Set<String>> groupsOn, Map<String, String> affinityTargets) {
        if (instance.serverGroup().isEmpty()) {
            return true;
        }
        ServerGroup group = instance.serverGroup().get();
        return switch (group.policy()) {
            case ANTI_AFFINITY -> !groupsOn.get(host).contains(group.id());
            case AFFINITY -> affinityTargets.getOrDefault(group.id(), host).equals(host);
            case SOFT_AFFINITY, SOFT_ANTI_AFFINITY -> true;
        };
    }

    private static String whyNot(Instance instance, Iterable<Host> hosts, Map<String, Resources> free,
                                 Map<String, Set<String>> groupsOn, Map<String, String> affinityTargets) {
        int inZone = 0;
        int withRoom = 0;
        long mostFreeRam = 0;
        for (Host h : hosts) {
            if (instance.zone().map(zone -> zone.equals(h.zone())).orElse(true) && h.admits(instance)) {
                inZone++;
                mostFreeRam = Math.max(mostFreeRam, free.get(h.name()).ramMb());
                if (instance.flavor().fitsIn(free.get(h.name()))) {
                    withRoom++;
                }
            }
        }
        String where = instance.zone().map(zone -> " in availability zone " + zone).orElse("")
                + (instance.pins().isEmpty() ? "" : " in an aggregate with " + AggregatePins.describe(instance.pins()));
        if (inZone == 0) {
            return "no other enabled, up host" + where;
        }
        if (withRoom == 0) {
            return "needs " + instance.flavor() + "; no host" + where + " has that much free (most free RAM: " + mostFreeRam + " MiB)";
        }
        ServerGroup group = instance.serverGroup().orElseThrow();
        return group.policy() == ServerGroup.Policy.AFFINITY
                ? "affinity group " + group.name() + " must stay on one host, " + affinityTargets.get(group.id()) + ", which has no room"
                : "anti-affinity group " + group.name() + " already has a member on every host" + where + " with room";
    }

    private static String label(Instance instance) {
        return instance.name() + " (" + instance.id() + ")";
    }
}
