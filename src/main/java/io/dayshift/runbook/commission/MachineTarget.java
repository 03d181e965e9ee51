package io.dayshift.runbook.commission;

import io.dayshift.machine.MachineStatus;

/**
 * A machine the run commissions, by reference: MAAS's system id, its hostname for people, and the status it had when
 * the input was checked.
 */
public record MachineTarget(String systemId, String hostname, MachineStatus statusBefore) {

    /** {@code hostname (system_id)}. */
    public String display() {
        return hostname == null || hostname.isEmpty() ? systemId : hostname + " (" + systemId + ")";
    }
}
