package io.dayshift.runbook.sev1;

import io.dayshift.engine.RunLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** On the start and end of each phase's sub-process: the phase's start, deadline and end in {@code incident}. */
@Component("recordIncidentPhase")
class RecordIncidentPhaseListener implements ExecutionListener {

    private final Sev1Incident settings;

    RecordIncidentPhaseListener(Sev1Incident settings) {
        this.settings = settings;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String phase = Phases.ofActivity(execution.getCurrentActivityId());
        IncidentRecord incident = Sev1Incident.incident(execution);
        Sev1Incident.incident(execution, EVENTNAME_START.equals(execution.getEventName())
                ? incident.phaseStarted(phase, RunLog.now(), settings.dueAt(incident.openedAt(), phase))
                : incident.phaseEnded(phase, RunLog.now()));
    }
}
