package io.dayshift.calendar;

import io.dayshift.engine.BuiltIntoModels;
import io.dayshift.engine.ProcessVariable;
import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import io.dayshift.evidence.Decision;
import io.dayshift.evidence.DecisionJournal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A runbook that changes a site — its process declares {@code <camunda:property name="leases" value="…"/>} — starts only
 * when its site is open: inside a maintenance window and not in a change freeze. Built into the model as it is deployed, as a
 * start listener of the process, so a start from Tasklist, REST, a timer or an alert is judged alike; a run called by
 * another judged run is covered by its caller and not judged again (one called by a process that is not judged, such as a
 * nightly schedule calling a backup per site, is). A refusal is an {@link AuthorizationException} (403 over REST; a
 * failed job and then an incident for a timer) naming the site, why it is closed and how to override.
 * <p>
 * Outside a window, a start may use an emergency override that an approver or administrator granted for that runbook on that
 * site ({@code POST /api/sites/{site}/calendar/overrides}), unless the one starting is who granted it. The override is used up
 * by the start and recorded with the run: its variable {@code calendarOverride} and a step of its log.
 */
@Component
class CalendarGate extends AbstractProcessEnginePlugin {

    /** The extension property that marks a runbook that changes a site. */
    static final String LEASES = "leases";
    /** The step name of a used override in the run's log. */
    static final String STEP = "calendar-override";
    static final ProcessVariable<String> SITE = ProcessVariable.string("site");

    /** The keys of the processes judged, so that a run called by one of them is not judged again. */
    private final Set<String> gated = ConcurrentHashMap.newKeySet();
    private final ObjectProvider<SiteCalendars> calendars;
    private final ObjectProvider<CalendarStore> store;
    private final ObjectProvider<DecisionJournal> journal;

    CalendarGate(ObjectProvider<SiteCalendars> calendars, ObjectProvider<CalendarStore> store, ObjectProvider<DecisionJournal> journal) {
        this.calendars = calendars;
        this.store = store;
        this.journal = journal;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        BuiltIntoModels.add(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element element, ProcessDefinitionEntity process) {
                if (changesASite(element)) {
                    String key = process.getKey();
                    gated.add(key);
                    ExecutionListener gate = execution -> judge(execution, key);
                    process.addBuiltInListener(ExecutionListener.EVENTNAME_START, gate);
                }
            }
        });
    }

    /** Whether starts of the process (by key) are judged: it declares what it changes. */
    boolean judges(String processKey) {
        return gated.contains(processKey);
    }

    /** Whether the process element carries the {@value #LEASES} extension property. */
    static boolean changesASite(Element process) {
        return BuiltIntoModels.properties(process).containsKey(LEASES);
    }

    private void judge(DelegateExecution execution, String runbook) {
        if (calledByAJudgedRun(execution)) {
            return; // its caller was judged when it started
        }
        Object given = execution.getVariable(SITE.name());
        Optional<String> site = (given instanceof String name ? Optional.of(name) : Optional.<String>empty()).filter(calendars.getObject()::knows);
        if (site.isEmpty()) {
            return; // the runbook's own input check refuses a run without a configured site (or with a site that is no text), on its modelled path
        }
        Instant now = RunLog.now();
        Optional<SiteCalendar> calendar = calendars.getObject().of(site.get(), Clock.fixed(now, ZoneOffset.UTC));
        SiteCalendar.Status status = calendar.map(SiteCalendar::now).orElse(null);
        if (status == null || status.open()) {
            return;
        }
        Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String user = authentication == null ? null : authentication.getUserId();
        Optional<CalendarStore.Override> used = store.getObject().use(site.get(), runbook, user, execution.getProcessInstanceId(), now);
        if (used.isPresent()) {
            record(execution, used.get(), journal.getObject());
            return;
        }
        boolean own = user != null && store.getObject().grantedOwn(site.get(), runbook, user, now);
        throw new AuthorizationException(refusal(site.get(), runbook, calendar.get(), status, own));
    }

    /** Records the override a run used: its variable {@code calendarOverride}, a step of its log, an entry of its evidence. */
    static void record(DelegateExecution execution, CalendarStore.Override override, DecisionJournal journal) {
        journal.record(execution, STEP, new Decision(Decision.OVERRIDE, override.grantedBy(), "start outside the calendar, override used by "
                + override.usedBy(), override.site(), override.reason(), ""));
        CalendarOverride recorded = new CalendarOverride(override.id(), override.site(), override.grantedBy(), override.reason(),
                override.grantedAt(), override.validUntil(), override.usedBy());
        CalendarOverride.VARIABLE.set(execution, recorded);
        RunLog.record(execution, new StepRecord(STEP, "start outside the calendar of site " + override.site(), override.site(),
                "override granted by " + override.grantedBy() + ", used by " + override.usedBy(), null, override.reason(), RunLog.now()));
    }

    /**
     * Whether a run that called this one, directly or through others, is itself judged: a drain that a rolling upgrade calls
     * works in its caller's window; a backup that a nightly schedule calls for each site is judged on its own.
     */
    private boolean calledByAJudgedRun(DelegateExecution execution) {
        for (DelegateExecution caller = execution.getSuperExecution(); caller != null;
             caller = caller.getProcessInstance().getSuperExecution()) {
            String definition = caller.getProcessDefinitionId();
            if (definition != null && gated.contains(definition.substring(0, Math.max(0, definition.indexOf(':'))))) {
                return true;
            }
        }
        return false;
    }

    /** Why the site is closed, and what to do: the message of a refused start. */
    static String refusal(String site, String runbook, SiteCalendar calendar, SiteCalendar.Status status, boolean grantedOwn) {
        StringBuilder message = new StringBuilder("site ").append(site).append(" is closed for changes: ")
                .append(CalendarNotice.closedBecause(status)).append(CalendarNotice.opens(status, calendar.zone()));
        message.append(". '").append(runbook).append("' may start now only with an emergency override: an approver other than you grants it with ")
                .append("POST /api/sites/").append(site).append("/calendar/overrides {\"runbook\": \"").append(runbook)
                .append("\", \"reason\": \"…\", \"validMinutes\": 60}, then start again");
        if (grantedOwn) {
            message.append(" (the override you granted yourself does not count: someone else must start the run, or grant it)");
        }
        return message.toString();
    }
}
