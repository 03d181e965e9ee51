package io.dayshift.runbook.sev1;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** On the start and end of each phase's sub-process: the phase's start, deadline and end in {@code incident}. */
@Component("recordIncidentPhase")
class RecordIncidentPhaseListener implements ExecutionListener {

    private final Sev1IncidentSettings settings;

    RecordIncidentPhaseListener(Sev1IncidentSettings settings) {
        this.settings = settings;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String phase = Phases.ofActivity(execution.getCurrentActivityId());
        IncidentRecord incident = Steps.incident(execution);
        Steps.incident(execution, EVENTNAME_START.equals(execution.getEventName())
                ? incident.phaseStarted(phase, Steps.now(), settings.dueAt(incident.openedAt(), phase))
                : incident.phaseEnded(phase, Steps.now()));
    }
}
