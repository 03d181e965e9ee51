package io.dayshift.runbook.drain;

import java.util.Map;
import java.util.Set;

/**
 * A compute host that may receive instances: enabled and up.
 *
 * @param capacity     what it can hold under its allocation ratios (Placement's capacity)
 * @param used         what its instances use now
 * @param serverGroups the server groups that already have a member on it
 * @param aggregates   the metadata of the host aggregates it is in: key → every value they give
 */
public record Host(String name, String zone, Resources capacity, Resources used, Set<String> serverGroups, Map<String, Set<String>> aggregates) {

    public Host {
        serverGroups = Set.copyOf(serverGroups);
        aggregates = aggregates == null ? Map.of() : Map.copyOf(aggregates);
    }

    public Host(String name, String zone, Resources capacity, Resources used, Set<String> serverGroups) {
        this(name, zone, capacity, used, serverGroups, Map.of());
    }

    /** Whether Nova's aggregate filter lets {@code instance} onto this host. */
    public boolean admits(Instance instance) {
        return AggregatePins.met(instance.pins(), aggregates);
    }

    public Resources free() {
        return capacity.minus(used);
    }
}
