package io.dayshift.runbook.drain;

import java.util.Set;

/**
 * A compute host that may receive instances: enabled and up.
 *
 * @param capacity     what it can hold under its allocation ratios (Placement's capacity)
 * @param used         what its instances use now
 * @param serverGroups the server groups that already have a member on it
 */
public record Host(String name, String zone, Resources capacity, Resources used, Set<String> serverGroups) {

    public Host {
        serverGroups = Set.copyOf(serverGroups);
    }

    public Resources free() {
        return capacity.minus(used);
    }
}
