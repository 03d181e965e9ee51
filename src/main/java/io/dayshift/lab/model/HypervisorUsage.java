package io.dayshift.lab.model;

/**
 * What the instances on a hypervisor use (every instance placed there, whatever its status, and instances migrating
 * to it: Nova's placement allocations). Free amounts are against the allocation ratios.
 */
public record HypervisorUsage(String hostname, int instances, long vcpusUsed, long ramMibUsed, long diskGibUsed, long vcpusFree, long ramMibFree,
                              long diskGibFree) {

    public boolean fits(Flavor flavor) {
        return flavor.vcpus() <= vcpusFree && flavor.ramMib() <= ramMibFree && flavor.diskGib() <= diskGibFree;
    }
}
