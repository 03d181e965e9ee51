package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Variables.BACKUP_AGE_HOURS;
import static io.dayshift.runbook.restore.DrRestore.Variables.BACKUP_ID;
import static io.dayshift.runbook.restore.DrRestore.Variables.COMPLETED;
import static io.dayshift.runbook.restore.DrRestore.Variables.FAILURE;
import static io.dayshift.runbook.restore.DrRestore.Variables.HAND_OVER;
import static io.dayshift.runbook.RunVariables.NOTE;
import static io.dayshift.runbook.restore.DrRestore.Variables.ROW_CHECK;
import static io.dayshift.runbook.restore.DrRestore.Variables.SCOPE;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.approval.ApprovalDecision;
import io.dayshift.approval.Approvals;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.await.AwaitOperation;
import java.util.Optional;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The summaries of the runs that do not restore: the data loss or the restore not approved, the replacement
 * infrastructure not ready (nothing was touched), or the restore abandoned by an ops lead after a failure or a row-count
 * mismatch (the site is left as the last step left it: the summary says which steps ran and what to do by hand).
 */
@Component("summariseNotRestored")
class SummariseNotRestoredDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        String what = "Restore (" + SCOPE.get(execution) + ") of site " + SITE.get(execution) + " from backup " + BACKUP_ID.get(execution);
        String by = "Started by " + Approvals.INITIATOR.find(execution).orElse("(unknown)") + ".";
        String summary = switch (execution.getCurrentActivityId()) {
            case DrRestore.Elements.RECORD_DATA_LOSS_REJECTED -> what + " NOT done: the loss of " + BACKUP_AGE_HOURS.get(execution)
                    + " h of data was not accepted by " + lastDecision(execution) + ". Nothing was changed. " + by;
            case DrRestore.Elements.RECORD_RESTORE_REJECTED -> what + " NOT done: the restore was rejected by " + lastDecision(execution)
                    + ". Nothing was changed. " + by;
            case DrRestore.Elements.RECORD_INFRASTRUCTURE_NOT_READY -> what + " NOT done: the replacement infrastructure is not ready (\""
                    + NOTE.find(execution).orElse("") + "\"). Nothing was changed. " + by;
            default -> what + " ABANDONED by an ops lead (\"" + NOTE.find(execution).orElse("") + "\") after: "
                    + FAILURE.find(execution).or(() -> failedWait(execution)).or(() -> ROW_CHECK.find(execution)).orElse("(no failure recorded)")
                    + ". Steps that ended well: " + COMPLETED.find(execution).map(c -> String.join(", ", c.steps())).filter(s -> !s.isEmpty()).orElse("none")
                    + ". The site is as the last step left it: finish by hand from runbooks/dr-restore.md. "
                    + HAND_OVER.find(execution).map(h -> "Hand-over: " + String.join("; ", h.notes()) + ". ").orElse("") + by;
        };
        RunLog.summarise(execution, summary);
        RunLog.record(execution, "summary", SITE.get(execution), "not restored", null, summary);
    }

    /** What the last look at an awaited run found, when the run did not end well. */
    private static Optional<String> failedWait(DelegateExecution execution) {
        return AwaitOperation.OUTCOME.find(execution).filter(o -> !o.equals(AwaitOperation.SUCCEEDED)).flatMap(o -> AwaitOperation.DETAIL.find(execution));
    }

    private static String lastDecision(DelegateExecution execution) {
        List<ApprovalDecision> decisions = Approvals.DECISIONS.find(execution).map(Approvals.Decisions::decisions).orElse(List.of());
        return decisions.isEmpty() ? "(unknown)" : decisions.get(decisions.size() - 1).approver() + " (\"" + decisions.get(decisions.size() - 1).reason() + "\")";
    }
}
