package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.approval.ApprovalDecision;
import io.dayshift.approval.Approvals;
import io.dayshift.engine.RunLog;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RecordRejection}: the run ends with who rejected the plan and why; nothing was changed. */
@Component("recordDrainRejection")
class RecordDrainRejectionDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        Optional<ApprovalDecision> last = Approvals.lastDecision(execution);
        String who = last.map(ApprovalDecision::approver).orElse("an approver");
        String why = last.map(ApprovalDecision::reason).orElse("");
        String summary = "Drain of " + HOST.get(execution) + " on site " + SITE.get(execution) + " rejected by " + who + ": \"" + why
                + "\". Started by " + Approvals.INITIATOR.find(execution).orElse("(unknown)") + "; nothing was changed.";
        RunLog.record(execution, "approval", HOST.get(execution), "rejected by " + who, null, why);
        RunLog.summarise(execution, summary);
    }
}
