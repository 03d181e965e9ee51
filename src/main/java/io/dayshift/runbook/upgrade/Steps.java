package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.upgrade.RollingUpgradeVariables.DEADLINE;
import static io.dayshift.runbook.upgrade.RollingUpgradeVariables.FAILURE_REPORT;
import static io.dayshift.runbook.upgrade.RollingUpgradeVariables.STAGE;
import static io.dayshift.runbook.upgrade.RollingUpgradeVariables.STEP_OUTCOME;

import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** This runbook's step records and waits, on the engine's clock (which tests can move). */
final class Steps {

    private static final int EVIDENCE = 3000;

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
        STEP_OUTCOME.set(execution, RollingUpgradeIds.WAITING);
    }

    /**
     * One look's outcome: {@code ready}, {@code failed}, or {@code waiting} until the deadline, then {@code failed} with
     * "not done in time"; a failure leaves the report the operator decides on in {@code failureReport}.
     */
    static String conclude(DelegateExecution execution, boolean ready, boolean failed, String detail, String evidence) {
        boolean overdue = !ready && !failed && now().isAfter(Instant.parse(DEADLINE.get(execution)));
        String outcome = ready ? RollingUpgradeIds.READY : failed || overdue ? RollingUpgradeIds.FAILED : RollingUpgradeIds.WAITING;
        STEP_OUTCOME.set(execution, outcome);
        if (outcome.equals(RollingUpgradeIds.FAILED)) {
            String why = overdue ? "Not done by the deadline (" + DEADLINE.get(execution) + "): " + STAGE.get(execution) + ". Last seen: " + detail
                    : "Failed: " + STAGE.get(execution) + ". " + detail;
            FAILURE_REPORT.set(execution, fitted(why + (evidence == null || evidence.isBlank() ? "" : "\n\n" + tail(evidence))));
        }
        return outcome;
    }

    /** A string variable holds at most 4,000 characters: longer text is cut, saying so. */
    static String fitted(String text) {
        return text.length() <= 3900 ? text : text.substring(0, 3800) + "\n… (" + (text.length() - 3800) + " more characters)";
    }

    static String tail(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= EVIDENCE ? text : "…" + text.substring(text.length() - EVIDENCE);
    }
}
