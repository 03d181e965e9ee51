package io.dayshift.runbook.healthcheck;

/** What a hypervisor uses of what it can hold (its capacity under the allocation ratios). */
public record HypervisorLoad(String host, long vcpusUsed, long vcpusCapacity, long ramMbUsed, long ramMbCapacity,
                             long diskGbUsed, long diskGbCapacity) {
}
