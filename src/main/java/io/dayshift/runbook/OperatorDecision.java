package io.dayshift.runbook;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an ops lead decided at a decision task, about what, and why: recorded by {@link RecordDecisionListener} in the
 * run's {@link RunVariables#OPERATOR_DECISIONS}, for the run's summary.
 *
 * @param step      the task's element id
 * @param target    what it was about (a machine, a host, an instance, the site)
 * @param decision  the decision's value ({@code retry}, {@code skip}, …)
 * @param note      the ops lead's note
 * @param decidedBy who decided
 * @param decidedAt when
 */
public record OperatorDecision(String step, @JsonAlias("machine") String target, String decision, String note, String decidedBy, Instant decidedAt) {

    /** All decisions of a run, in order. */
    public record Decisions(List<OperatorDecision> decisions) {
        public Decisions {
            decisions = decisions == null ? List.of() : List.copyOf(decisions);
        }

        public Decisions with(OperatorDecision decision) {
            List<OperatorDecision> all = new ArrayList<>(decisions);
            all.add(decision);
            return new Decisions(all);
        }
    }
}
