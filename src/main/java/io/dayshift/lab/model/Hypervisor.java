package io.dayshift.lab.model;

/**
 * A hypervisor and its nova-compute service.
 *
 * @param id             Nova's numeric hypervisor id
 * @param serviceId      the nova-compute service's id (a UUID, as microversion 2.53+ shows it)
 * @param hostname       {@code cn01}
 * @param zone           availability zone
 * @param vcpus          physical CPU threads
 * @param ramMib         memory
 * @param diskGib        local disk
 * @param cpuRatio       cpu_allocation_ratio
 * @param ramRatio       ram_allocation_ratio
 * @param diskRatio      disk_allocation_ratio
 * @param enabled        service status enabled (false: disabled)
 * @param disabledReason why it was disabled, {@code ""} when enabled
 * @param forcedDown     the service was forced down (os-services force-down)
 * @param up             the service's state as shown: false when the host is powered off, forced down, or a
 *                       {@link FaultType#HYPERVISOR_DOWN} fault applies
 */
public record Hypervisor(int id, String serviceId, String hostname, String zone, int vcpus, long ramMib, long diskGib, double cpuRatio,
                         double ramRatio, double diskRatio, boolean enabled, String disabledReason, boolean forcedDown, boolean up) {

    public Hypervisor {
        disabledReason = disabledReason == null ? "" : disabledReason;
    }

    Hypervisor withService(boolean nowEnabled, String reason, boolean nowForcedDown) {
        return new Hypervisor(id, serviceId, hostname, zone, vcpus, ramMib, diskGib, cpuRatio, ramRatio, diskRatio, nowEnabled,
                nowEnabled ? "" : reason, nowForcedDown, up);
    }

    Hypervisor withUp(boolean nowUp) {
        return new Hypervisor(id, serviceId, hostname, zone, vcpus, ramMib, diskGib, cpuRatio, ramRatio, diskRatio, enabled, disabledReason,
                forcedDown, nowUp);
    }

    /** What the scheduler can place: physical amount times allocation ratio. */
    public long schedulableVcpus() {
        return (long) Math.floor(vcpus * cpuRatio);
    }

    public long schedulableRamMib() {
        return (long) Math.floor(ramMib * ramRatio);
    }

    public long schedulableDiskGib() {
        return (long) Math.floor(diskGib * diskRatio);
    }
}
