package io.dayshift.runbook.upgrade;

import java.util.List;

/**
 * A batch of compute hosts upgraded together: drained one by one, upgraded in one step, returned and verified.
 *
 * @param number  from 1, in order (the canary's batch first)
 * @param zone    the availability zone of its hosts (batches never span zones)
 * @param hosts   the nova-compute hosts
 * @param canary  the canary host's batch of one
 * @param upgrade the step that upgrades the batch
 */
public record HostBatch(int number, String zone, List<String> hosts, boolean canary, UpgradeStep upgrade) {

    public HostBatch {
        hosts = List.copyOf(hosts);
    }

    /** The hosts with commas, as a lease declaration reads a host variable ({@code host:hosts}). */
    public String hostNames() {
        return String.join(",", hosts);
    }
}
