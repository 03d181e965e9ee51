package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Variables.ATTEMPT;
import static io.dayshift.runbook.restore.DrRestore.Variables.COMPLETED;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import io.dayshift.engine.RunLog;

/**
 * {@code Task_PrepareRetry}: after an ops lead fixed the cause and chose retry, the restore runs again as the next
 * attempt: steps that ended well are skipped, the failed one starts a new run under a new run id.
 */
@Component("prepareRestoreRetry")
class PrepareRetryDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        long next = ATTEMPT.find(execution).orElse(1L) + 1;
        ATTEMPT.set(execution, next);
        RunLog.record(execution, "none", "", "attempt " + next, null, "steps done before: "
                + COMPLETED.find(execution).map(c -> String.join(", ", c.steps())).filter(s -> !s.isEmpty()).orElse("none"));
    }
}
