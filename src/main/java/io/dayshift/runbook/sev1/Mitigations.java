package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.sev1.Sev1Incident.Variables.ACTION;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.CHOSEN_BY;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TARGET;

import io.dayshift.approval.ApprovalDecision;
import io.dayshift.approval.Approvals;
import io.dayshift.engine.RunLog;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Records what came of a mitigation in the incident record: the action, its target, who chose and who approved it. */
final class Mitigations {

    private Mitigations() {
    }

    static void done(DelegateExecution execution, String outcome) {
        List<ApprovalDecision> decisions = Approvals.DECISIONS.find(execution).map(Approvals.Decisions::decisions).orElse(List.of());
        String approver = decisions.isEmpty() ? "" : decisions.get(decisions.size() - 1).approver();
        Sev1Incident.incident(execution, Sev1Incident.incident(execution).mitigated(new IncidentRecord.MitigationRecord(ACTION.get(execution),
                TARGET.find(execution).orElse(""), CHOSEN_BY.find(execution).orElse(""), approver, outcome, RunLog.now())));
    }
}
