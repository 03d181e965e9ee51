package io.dayshift.runbook.await;

import io.dayshift.calendar.CalendarOverride;
import io.dayshift.calendar.SiteCalendars;
import io.dayshift.engine.ProcessVariable;
import io.dayshift.runbook.OperatorChoices;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The rule of a run still going when its site's window closes (or a change freeze begins): the step in progress — the
 * awaited operation — finishes, then an ops lead decides whether the run continues or stops where it is. It applies to
 * a run started by hand, by a timer or an alert (the top of its tree: a drain that a rolling upgrade calls follows the
 * upgrade's own window rule), whose runbook names its stop decision ({@link AwaitOperation#STOP_AT_WINDOW}); not to a run
 * that started under an emergency override, nor again once an ops lead decided to continue until the site opens again.
 * Used from {@code await-operation}:
 * <pre>{@code
 * Task_LookAtWindow:              ${windowCheck}
 * the flow "continue" after it:   ${windowCheck.continued(execution)}
 * }</pre>
 */
@Component("windowCheck")
public class WindowCheck implements JavaDelegate {

    /** On the run: until when an ops lead let it continue while its site is closed (the instant the site opens again). */
    static final ProcessVariable<String> CONTINUED_UNTIL = ProcessVariable.string("windowContinuedUntil");
    private static final String UNTIL_NO_WINDOW = "no window within the horizon";

    private final SiteCalendars calendars;

    WindowCheck(SiteCalendars calendars) {
        this.calendars = calendars;
    }

    /** {@code Task_LookAtWindow}: sets why an ops lead is asked ({@link AwaitOperation#WINDOW_CLOSED_BECAUSE}; empty: not asked) and the choices. */
    @Override
    public void execute(DelegateExecution execution) {
        Optional<SiteCalendars.Closure> closure = closure(execution);
        AwaitOperation.WINDOW_CLOSED_BECAUSE.set(execution, closure.map(SiteCalendars.Closure::why).orElse(""));
        if (closure.isPresent()) {
            OfferChoicesListener.describe(execution);
            execution.setVariable(AwaitOperation.WINDOW_CHOICES, OperatorChoices.of("continue," + AwaitOperation.STOP_AT_WINDOW.get(execution)));
        }
    }

    /** The ops lead decided to continue: not asked again until the site has opened and closed again. */
    public void continued(DelegateExecution execution) {
        closure(execution).ifPresent(closure -> CONTINUED_UNTIL.set(execution.getSuperExecution(), until(closure)));
    }

    private Optional<SiteCalendars.Closure> closure(DelegateExecution execution) {
        DelegateExecution caller = execution.getSuperExecution();
        boolean applies = AwaitOperation.STOP_AT_WINDOW.find(execution).filter(s -> !s.isBlank()).isPresent()
                && caller != null && caller.getProcessInstance().getSuperExecution() == null
                && CalendarOverride.VARIABLE.find(caller).isEmpty();
        if (!applies) {
            return Optional.empty();
        }
        Optional<String> continuedUntil = CONTINUED_UNTIL.find(caller);
        return calendars.closedNow(AwaitOperation.OPERATION.get(execution).site())
                .filter(closure -> continuedUntil.filter(until(closure)::equals).isEmpty());
    }

    private static String until(SiteCalendars.Closure closure) {
        return closure.opensAt() == null ? UNTIL_NO_WINDOW : closure.opensAt().toString();
    }
}
