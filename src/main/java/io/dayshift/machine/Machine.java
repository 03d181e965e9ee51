package io.dayshift.machine;

import java.util.List;
import java.util.Objects;

/**
 * What Dayshift needs to know of a MAAS machine. Text fields are never null (empty when MAAS has no value).
 *
 * @param systemId      MAAS's stable id, e.g. {@code thr3am}: what a process variable stores
 * @param hostname      the short hostname, e.g. {@code compute-07}
 * @param status        MAAS's status
 * @param statusMessage MAAS's last status message, e.g. {@code From 'Ready' to 'Allocated' (to admin)}
 * @param owner         the MAAS user the machine is allocated to, empty when none
 * @param tags          the machine's tag names
 * @param powerState    the power state MAAS last saw
 * @param zone          availability zone name
 * @param pool          resource pool name
 * @param cpuCount      number of CPU threads
 * @param memoryMib     memory in MiB
 * @param storageMb     total storage in MB (MAAS's unit: 10^6 bytes)
 * @param ipAddresses   the addresses MAAS assigned
 * @param distroSeries  the deployed series, empty until deployed
 */
public record Machine(
        String systemId,
        String hostname,
        MachineStatus status,
        String statusMessage,
        String owner,
        List<String> tags,
        PowerState powerState,
        String zone,
        String pool,
        int cpuCount,
        long memoryMib,
        long storageMb,
        List<String> ipAddresses,
        String distroSeries) {

    public Machine {
        Objects.requireNonNull(systemId, "systemId");
        hostname = hostname == null ? "" : hostname;
        status = status == null ? MachineStatus.UNKNOWN : status;
        statusMessage = statusMessage == null ? "" : statusMessage;
        owner = owner == null ? "" : owner;
        tags = tags == null ? List.of() : List.copyOf(tags);
        powerState = powerState == null ? PowerState.UNKNOWN : powerState;
        zone = zone == null ? "" : zone;
        pool = pool == null ? "" : pool;
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
        distroSeries = distroSeries == null ? "" : distroSeries;
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    public boolean isAllocated() {
        return !owner.isEmpty();
    }

    /** {@code hostname (system_id)}, for messages. */
    public String display() {
        return hostname.isEmpty() ? systemId : hostname + " (" + systemId + ")";
    }
}
