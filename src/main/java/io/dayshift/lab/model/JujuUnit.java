package io.dayshift.lab.model;

import java.time.Instant;

/**
 * A unit as shown at the moment of reading.
 *
 * @param machine   its machine id (a subordinate: its principal's)
 * @param principal for a subordinate unit, its principal unit; {@code ""} for principals
 * @param busyUntil when the work in progress (install, refresh) ends; {@code null} when settled
 */
public record JujuUnit(String name, String application, String machine, JujuStatus workload, JujuStatus agent, boolean leader,
                       String publicAddress, String principal, Instant busyUntil) {

    public boolean subordinate() {
        return !principal.isEmpty();
    }

    public int number() {
        return Integer.parseInt(name.substring(name.indexOf('/') + 1));
    }

    JujuUnit with(JujuStatus newWorkload, JujuStatus newAgent, Instant newBusyUntil) {
        return new JujuUnit(name, application, machine, newWorkload, newAgent, leader, publicAddress, principal, newBusyUntil);
    }
}
