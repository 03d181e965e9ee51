package io.dayshift.runbook.commission;

import java.time.Instant;
import java.util.List;

/** What an ops lead decided about a machine that failed commissioning, with their note. */
public record OperatorDecision(String machine, String decision, String note, String decidedBy, Instant decidedAt) {

    /** All decisions of a run, in order. */
    public record Decisions(List<OperatorDecision> decisions) {
        public Decisions {
            decisions = decisions == null ? List.of() : List.copyOf(decisions);
        }
    }
}
