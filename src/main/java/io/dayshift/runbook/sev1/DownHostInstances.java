package io.dayshift.runbook.sev1;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The instances on each compute host whose nova-compute is down, as the diagnosis listed them ({@code downHostInstances}):
 * what an evacuation of that host would rebuild, shown to the approver of the mitigation.
 *
 * @param byHost   down host → its instances
 * @param listedAt when the diagnosis listed them (an evacuation lists the host again and rebuilds what is there then)
 */
public record DownHostInstances(Map<String, List<Instance>> byHost, Instant listedAt) {

    public DownHostInstances {
        byHost = byHost == null ? Map.of() : new TreeMap<>(byHost);
    }

    /** The instances on {@code host}; empty when the diagnosis found none or did not look. */
    public List<Instance> on(String host) {
        return byHost.getOrDefault(host, List.of());
    }

    /**
     * One instance on a down host.
     *
     * @param diskGb the local disk its flavor takes (root, ephemeral and swap): 0 for a volume-backed instance without one
     */
    public record Instance(String id, String name, String status, String flavorName, long vcpus, long ramMb, long diskGb) {
    }
}
