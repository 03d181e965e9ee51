package io.dayshift.runbook.restore;

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

    static void record(DelegateExecution execution, String action, String target, String result, String evidence) {
        RunLog.record(execution, new StepRecord(null, action, target, result, null, evidence, now()));
    }

    static void record(DelegateExecution execution, String action, String target, String result, Integer exitCode, String evidence) {
        RunLog.record(execution, new StepRecord(null, action, target, result, exitCode, evidence, now()));
    }

    /** The run id of a detached step: the same for every retry of this job, new for each attempt an ops lead decides. */
    static String runId(DelegateExecution execution) {
        return execution.getProcessInstanceId() + "-" + execution.getCurrentActivityId() + "-" + DrRestoreVariables.ATTEMPT.find(execution).orElse(1L);
    }

    /** True (and recorded) when this step ended well in an earlier attempt of this run: a retry resumes after it. */
    static boolean doneBefore(DelegateExecution execution) {
        boolean done = DrRestoreVariables.COMPLETED.find(execution).map(c -> c.steps().contains(execution.getCurrentActivityId())).orElse(false);
        if (done) {
            await(execution, null);
            record(execution, "none", "", "skipped: done in an earlier attempt of this run", "");
        }
        return done;
    }

    /** Hands {@code handle} (or nothing, when null) to the next {@code await-kolla-run}. */
    static void await(DelegateExecution execution, io.dayshift.kolla.KollaRunHandle handle) {
        DrRestoreVariables.KOLLA_RUN.set(execution, handle);
        DrRestoreVariables.AWAITED_STEP.set(execution, execution.getCurrentActivityId());
    }

    static void handOver(DelegateExecution execution, String note) {
        DrRestoreVariables.HAND_OVER.set(execution.getProcessInstance(),
                DrRestoreVariables.HAND_OVER.find(execution).orElse(new DrRestoreVariables.HandOver(null)).with(note));
    }

    /**
     * False, with the step recorded as skipped and nothing to await, when the run's {@code scope} leaves the databases alone;
     * a runbook without a scope (rolling-upgrade's rollback) always restores them.
     */
    static boolean databaseInScope(DelegateExecution execution) {
        String scope = DrRestoreVariables.SCOPE.find(execution).orElse(RestoreScope.DATABASE.word());
        boolean database = RestoreScope.parse(scope).map(RestoreScope::database).orElse(true);
        if (!database) {
            await(execution, null);
            DrRestoreVariables.ROWS_MISMATCH.set(execution, false);
            record(execution, "none", "", "skipped: the scope is " + scope, "");
        }
        return database;
    }
}
