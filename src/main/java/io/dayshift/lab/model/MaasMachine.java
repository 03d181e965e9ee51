package io.dayshift.lab.model;

import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.PowerState;
import java.time.Instant;
import java.util.List;

/**
 * A MAAS machine of a lab site, as the MAAS API shows it.
 *
 * @param systemId      MAAS's id ({@code 4y3h7p})
 * @param hostname      {@code spare01}
 * @param status        MAAS's status (its code and label are in {@link MachineStatus})
 * @param statusMessage the last transition, as MAAS words it
 * @param owner         the user it is allocated to, {@code ""} when none
 * @param tags          tag names
 * @param powerState    on / off
 * @param zone          MAAS zone (also the OpenStack availability zone of the site)
 * @param pool          resource pool
 * @param cpuCount      CPU threads
 * @param memoryMib     memory
 * @param storageMb     storage in MB (10^6 bytes, as MAAS counts)
 * @param ipAddresses   addresses
 * @param distroSeries  the deployed series, {@code ""} unless deployed
 * @param scriptResults the current commissioning and testing run's results
 * @param pendingStatus the status an operation in progress will end in, {@code null} when none is in progress
 * @param pendingUntil  when it ends
 */
public record MaasMachine(String systemId, String hostname, MachineStatus status, String statusMessage, String owner, List<String> tags,
                          PowerState powerState, String zone, String pool, int cpuCount, long memoryMib, long storageMb,
                          List<String> ipAddresses, String distroSeries, List<LabScriptResult> scriptResults,
                          MachineStatus pendingStatus, Instant pendingUntil) {

    public MaasMachine {
        tags = List.copyOf(tags);
        ipAddresses = List.copyOf(ipAddresses);
        scriptResults = List.copyOf(scriptResults);
        statusMessage = statusMessage == null ? "" : statusMessage;
        owner = owner == null ? "" : owner;
        distroSeries = distroSeries == null ? "" : distroSeries;
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    MaasMachine withStatus(MachineStatus newStatus, String message) {
        return new MaasMachine(systemId, hostname, newStatus, message, owner, tags, powerState, zone, pool, cpuCount, memoryMib, storageMb,
                ipAddresses, distroSeries, scriptResults, null, null);
    }

    MaasMachine pending(MachineStatus nowStatus, String message, MachineStatus then, Instant until) {
        return new MaasMachine(systemId, hostname, nowStatus, message, owner, tags, powerState, zone, pool, cpuCount, memoryMib, storageMb,
                ipAddresses, distroSeries, scriptResults, then, until);
    }

    MaasMachine with(String newOwner, PowerState power, String series, List<String> newTags, List<LabScriptResult> results) {
        return new MaasMachine(systemId, hostname, status, statusMessage, newOwner, newTags, power, zone, pool, cpuCount, memoryMib, storageMb,
                ipAddresses, series, results, pendingStatus, pendingUntil);
    }
}
