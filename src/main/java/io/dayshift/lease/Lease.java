package io.dayshift.lease;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A target held by a run: the outermost run that declares leases (the rolling upgrade, not its drains) owns it until it ends.
 *
 * @param target    what is held
 * @param run       the owning run's process instance id
 * @param runbook   the owning run's runbook (process key)
 * @param startedBy who started the owning run; "the engine" for a timer or an alert
 * @param since     when the lease was taken
 */
public record Lease(LeaseTarget target, String run, String runbook, String startedBy, Instant since) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** "cn03 on lab is held by drain-compute-node 7f3a…, started by olga at 2026-12-07 10:02 UTC". */
    public String describe() {
        return target.describe() + " is " + heldBy();
    }

    /**
     * "cn03 on lab is held by drain cn03 @ lab (drain-compute-node, run 7f3a…), started by olga at 2026-12-07 10:02 UTC": why
     * a start is refused, the holding run by its name (its business key) and its id, so that it can be found in Tasklist,
     * Cockpit and My runs; without a name (the run is gone), as {@link #describe()}.
     */
    public String describe(String holderName) {
        return target.describe() + " is " + heldBy(holderName);
    }

    /** "Waiting for cn03 on lab, held by drain-compute-node 7f3a…, started by olga at 2026-12-07 10:02 UTC". */
    public String waitingFor() {
        return "Waiting for " + target.describe() + ", " + heldBy();
    }

    /**
     * "Waiting for cn03 on lab, held by drain cn03 @ lab (drain-compute-node), started by olga at 2026-12-07 10:02 UTC": what a
     * waiting task is named after, the holding run by its name (its business key), not its id.
     */
    public String waitingFor(String holderName) {
        if (holderName == null || holderName.isBlank()) {
            return waitingFor();
        }
        return "Waiting for " + target.describe() + ", held by " + holderName + " (" + runbook + "), started by " + startedBy + " at " + TIME.format(since);
    }

    private String heldBy() {
        return "held by " + runbook + " " + run + ", started by " + startedBy + " at " + TIME.format(since);
    }

    private String heldBy(String holderName) {
        if (holderName == null || holderName.isBlank()) {
            return heldBy();
        }
        return "held by " + holderName + " (" + runbook + ", run " + run + "), started by " + startedBy + " at " + TIME.format(since);
    }
}
