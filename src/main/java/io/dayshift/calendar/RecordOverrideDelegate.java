package io.dayshift.calendar;

import io.dayshift.approval.ApprovalDecision;
import io.dayshift.approval.Approvals;
import io.dayshift.engine.RunLog;
import io.dayshift.engine.StartedBy;
import io.dayshift.evidence.DecisionJournal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

/**
 * For a runbook that must change a site whatever its calendar says — a Sev-1 incident's mitigation — and so is not
 * {@link CalendarGate gated} at its start: when its site is closed for changes ({@link LookAtCalendarDelegate}), the
 * approval of the change (by an approver who is neither the initiator nor the requester: four eyes) is also the emergency
 * override. This step, after that approval, records it as one: who granted it and why (the approver and their reason),
 * who used it (who asked for the approval, else who started the run), with the run ({@code calendarOverride}, a step of
 * its log) and in the site's calendar changes. Recorded once: a retry finds it recorded.
 * <pre>{@code
 * <bpmn:serviceTask id="Task_RecordOverride" camunda:asyncBefore="true" camunda:delegateExpression="${recordCalendarOverride}"/>
 * }</pre>
 */
@Component("recordCalendarOverride")
class RecordOverrideDelegate implements JavaDelegate {

    private final CalendarStore store;
    private final DecisionJournal journal;

    RecordOverrideDelegate(CalendarStore store, DecisionJournal journal) {
        this.store = store;
        this.journal = journal;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ApprovalDecision approval = Approvals.lastDecision(execution).filter(ApprovalDecision::approved)
                .orElseThrow(() -> new IllegalStateException("the run has no approval to record as the emergency override"));
        if (CalendarOverride.VARIABLE.find(execution).filter(o -> o.grantedBy().equals(approval.approver())
                && o.grantedAt().equals(approval.decidedAt())).isPresent()) {
            return;
        }
        String usedBy = Approvals.REQUESTER.find(execution).or(() -> StartedBy.of(execution)).orElse("the engine");
        String runbook = ((ExecutionEntity) execution).getProcessDefinition().getKey();
        CalendarGate.record(execution, store.grantUsed(CalendarGate.SITE.get(execution), runbook, approval.reason(), approval.approver(),
                approval.decidedAt(), usedBy, execution.getProcessInstanceId(), RunLog.now()), journal);
    }
}
