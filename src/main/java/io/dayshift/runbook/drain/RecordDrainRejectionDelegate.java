package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.approval.ApprovalDecision;
import io.dayshift.approval.Approvals;
import io.dayshift.engine.RunLog;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RecordRejection}: the run ends with who rejected the plan and why; nothing was changed. */
@Component("recordDrainRejection")
class RecordDrainRejectionDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        List<ApprovalDecision> decisions = Approvals.DECISIONS.find(execution).map(Approvals.Decisions::decisions).orElse(List.of());
        ApprovalDecision last = decisions.isEmpty() ? null : decisions.get(decisions.size() - 1);
        String who = last == null ? "an approver" : last.approver();
        String why = last == null ? Approvals.REASON.find(execution).orElse("") : last.reason();
        String summary = "Drain of " + HOST.get(execution) + " on site " + SITE.get(execution) + " rejected by " + who + ": \"" + why
                + "\". Started by " + Approvals.INITIATOR.find(execution).orElse("(unknown)") + "; nothing was changed.";
        RunLog.record(execution, "approval", HOST.get(execution), "rejected by " + who, null, why);
        RunLog.summarise(execution, summary);
    }
}
