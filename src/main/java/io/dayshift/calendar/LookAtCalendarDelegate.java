package io.dayshift.calendar;

import io.dayshift.engine.ProcessVariable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reads the calendar of the run's site before an approval that may have to be an emergency override
 * ({@link RecordOverrideDelegate}): why the site is closed for changes now, shown on the approval form and part of the
 * approved plan. Read only.
 * <pre>{@code
 * <bpmn:serviceTask id="Task_LookAtCalendar" camunda:asyncBefore="true" camunda:delegateExpression="${lookAtSiteCalendar}"/>
 * }</pre>
 */
@Component("lookAtSiteCalendar")
public class LookAtCalendarDelegate implements JavaDelegate {

    /** Why the run's site is closed for changes, as the approver is shown it; empty when it is open or has no calendar. */
    public static final ProcessVariable<String> CLOSED = ProcessVariable.string("calendarClosed");

    private final SiteCalendars calendars;

    LookAtCalendarDelegate(SiteCalendars calendars) {
        this.calendars = calendars;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CLOSED.set(execution, calendars.closedNow(CalendarGate.SITE.get(execution)).map(SiteCalendars.Closure::why).orElse(""));
    }
}
