package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.MACHINE;

import io.dayshift.approval.ApprovalDecision;
import io.dayshift.approval.Approvals;
import io.dayshift.engine.RunLog;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RecordRejection}: the approver said no; nothing was changed. */
@Component("recordAdditionRejection")
class RecordRejectionDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        Optional<ApprovalDecision> last = Approvals.lastDecision(execution);
        String who = last.map(ApprovalDecision::approver).orElse("an approver");
        String why = last.map(ApprovalDecision::reason).orElse("");
        RunLog.record(execution, "approval", MACHINE.get(execution), "rejected by " + who, null, why);
        RunLog.summarise(execution, "Nothing was done: " + who + " rejected adding " + MACHINE.get(execution) + " to site " + SITE.get(execution)
                + ": " + why);
    }
}
