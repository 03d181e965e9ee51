package io.dayshift.compute;

/**
 * One hypervisor and its usage, as {@code GET /os-hypervisors/detail} reports it. Allocation ratios
 * are not part of this API; see {@link ComputeCloud#inventories(String, String)}.
 *
 * @param id           the hypervisor id, which is also its Placement resource provider's UUID
 * @param hostname     the hypervisor (node) name, e.g. {@code cn01} or {@code cn01.example.org}
 * @param serviceHost  the host of its nova-compute service
 * @param type         e.g. {@code QEMU}, {@code fake}
 * @param enabled      its nova-compute is enabled
 * @param up           its nova-compute is up
 * @param vcpus        physical vCPUs (before any allocation ratio)
 * @param vcpusUsed    vCPUs allocated to servers
 * @param memoryMb     RAM in MiB
 * @param memoryMbUsed RAM allocated to servers (and reserved) in MiB
 * @param diskGb       local disk in GiB
 * @param diskGbUsed   local disk allocated in GiB
 * @param runningVms   servers on the hypervisor
 */
public record Hypervisor(
        String id,
        String hostname,
        String serviceHost,
        String type,
        boolean enabled,
        boolean up,
        long vcpus,
        long vcpusUsed,
        long memoryMb,
        long memoryMbUsed,
        long diskGb,
        long diskGbUsed,
        int runningVms) {
}
