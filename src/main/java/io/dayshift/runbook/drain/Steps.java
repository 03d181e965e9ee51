package io.dayshift.runbook.drain;

import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Appends this package's step records, stamped with the engine's clock. */
final class Steps {

    private Steps() {
    }

    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** A step of the current activity: the API call made (or not made, and why), on what, with what result. */
    static void record(DelegateExecution execution, String action, String target, String result, String evidence) {
        RunLog.record(execution, new StepRecord(null, action, target, result, null, evidence, now()));
    }

    static void record(DelegateExecution execution, String step, String action, String target, String result, String evidence) {
        RunLog.record(execution, new StepRecord(step, action, target, result, null, evidence, now()));
    }
}
