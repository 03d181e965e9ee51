package io.dayshift.calendar;

import io.dayshift.approval.ApprovalDecision;
import io.dayshift.approval.Approvals;
import io.dayshift.engine.ProcessVariable;
import io.dayshift.engine.RunLog;
import io.dayshift.engine.StartedBy;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

/**
 * For a runbook that must change a site whatever its calendar says — a Sev-1 incident's mitigation — and so is not
 * {@link CalendarGate gated} at its start: it looks at the calendar before its approval, and when the site is closed for
 * changes the approval (by an approver who is neither the initiator nor the requester: four eyes) is also the emergency
 * override, recorded as one. Used from the model:
 * <pre>{@code
 * <bpmn:serviceTask id="Task_LookAtCalendar" camunda:expression="${calendarOverrides.lookNow(execution)}"/>
 * <bpmn:userTask id="Task_ApproveMitigation" …>  (its plan names calendarClosed, so the approval is bound to it)
 * <bpmn:serviceTask id="Task_RecordOverride" camunda:expression="${calendarOverrides.recordApproved(execution, 'Task_ApproveMitigation')}"/>
 * }</pre>
 */
@Component("calendarOverrides")
public class CalendarOverrides {

    /** Why the run's site is closed for changes, as the approver is shown it; empty when it is open or has no calendar. */
    public static final ProcessVariable<String> CLOSED = ProcessVariable.string("calendarClosed");

    private final SiteCalendars calendars;
    private final CalendarStore store;

    CalendarOverrides(SiteCalendars calendars, CalendarStore store) {
        this.calendars = calendars;
        this.store = store;
    }

    /** Sets {@link #CLOSED} from the calendar of the run's site, now. */
    public void lookNow(DelegateExecution execution) {
        CLOSED.set(execution, calendars.closedNow(CalendarGate.SITE.get(execution)).map(SiteCalendars.Closure::why).orElse(""));
    }

    /**
     * Records the last approval of {@code approvalStep} as the emergency override the run uses: who granted it and why (the
     * approver and their reason), who used it (who asked for the approval, else who started the run). Recorded once: a retry
     * finds it recorded.
     */
    public void recordApproved(DelegateExecution execution, String approvalStep) {
        ApprovalDecision approval = Approvals.DECISIONS.find(execution).flatMap(d -> d.last(approvalStep)).filter(ApprovalDecision::approved)
                .orElseThrow(() -> new IllegalStateException(approvalStep + " has no approval to record as the emergency override"));
        if (CalendarOverride.VARIABLE.find(execution).filter(o -> o.grantedBy().equals(approval.approver())
                && o.grantedAt().equals(approval.decidedAt())).isPresent()) {
            return;
        }
        String usedBy = Approvals.REQUESTER.find(execution).or(() -> StartedBy.of(execution)).orElse("the engine");
        String runbook = ((ExecutionEntity) execution).getProcessDefinition().getKey();
        Instant now = RunLog.now();
        CalendarGate.record(execution, store.grantUsed(CalendarGate.SITE.get(execution), runbook, approval.reason(), approval.approver(),
                approval.decidedAt(), usedBy, execution.getProcessInstanceId(), now));
    }
}
