package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.CHECK_OUTCOME;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.DEADLINE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.FAILURE_REPORT;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.STAGE;

import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** This runbook's step records and waits, on the engine's clock (which tests can move). */
final class Steps {

    private static final int EVIDENCE = 4000;

    private Steps() {
    }

    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    static void record(DelegateExecution execution, String action, String target, String result, String evidence) {
        RunLog.record(execution, new StepRecord(null, action, target, result, null, tail(evidence), now()));
    }

    static void record(DelegateExecution execution, String action, String target, String result, Integer exitCode, String evidence) {
        RunLog.record(execution, new StepRecord(null, action, target, result, exitCode, tail(evidence), now()));
    }

    /** A wait begins: what it is for and until when it may last. */
    static void startWait(DelegateExecution execution, String stage, Duration deadline) {
        STAGE.set(execution, stage);
        DEADLINE.set(execution, now().plus(deadline).toString());
        CHECK_OUTCOME.set(execution, AddComputeNodeIds.OUTCOME_WAITING);
    }

    /** The outcome of one look: {@code ready}, {@code failed}, or {@code waiting} until the deadline, then {@code overdue}. */
    static String outcome(DelegateExecution execution, boolean ready, boolean failed) {
        if (ready) {
            return AddComputeNodeIds.OUTCOME_READY;
        }
        if (failed) {
            return AddComputeNodeIds.OUTCOME_FAILED;
        }
        return now().isAfter(Instant.parse(DEADLINE.get(execution))) ? AddComputeNodeIds.OUTCOME_OVERDUE : AddComputeNodeIds.OUTCOME_WAITING;
    }

    /** Sets the gateway's outcome and, when the run needs an operator, the report the operator decides on. */
    static void conclude(DelegateExecution execution, String outcome, String detail, String evidence) {
        CHECK_OUTCOME.set(execution, outcome);
        if (outcome.equals(AddComputeNodeIds.OUTCOME_FAILED) || outcome.equals(AddComputeNodeIds.OUTCOME_OVERDUE)) {
            String why = outcome.equals(AddComputeNodeIds.OUTCOME_OVERDUE)
                    ? "Not done by the deadline (" + DEADLINE.get(execution) + "): " + STAGE.get(execution) + ". Last seen: " + detail
                    : "Failed: " + STAGE.get(execution) + ". " + detail;
            FAILURE_REPORT.set(execution, why + (evidence == null || evidence.isBlank() ? "" : "\n\n" + tail(evidence)));
        }
    }

    static String tail(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= EVIDENCE ? text : "…" + text.substring(text.length() - EVIDENCE);
    }
}
