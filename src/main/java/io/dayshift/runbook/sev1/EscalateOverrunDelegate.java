package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.NEW_OVERRUN;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.OVERRUN;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TITLE;

import io.dayshift.engine.RunLog;
import io.dayshift.notify.Severity;
import io.dayshift.runbook.sev1.IncidentRecord.PhaseRecord;
import io.dayshift.site.Sites;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_EscalateOverrun}, after a phase's SLA timer fired: every running phase past its deadline that was not escalated
 * before is escalated now (a notification, and {@code newOverrun} for the acknowledgement task). A phase entered again past
 * its deadline (after a failed verification) was escalated the first time and is not escalated twice.
 */
@Component("escalateOverrun")
class EscalateOverrunDelegate implements JavaDelegate {

    private final Sites sites;
    private final IncidentNotices notices;
    private final Sev1Incident settings;

    EscalateOverrunDelegate(Sites sites, IncidentNotices notices, Sev1Incident settings) {
        this.sites = sites;
        this.notices = notices;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant now = RunLog.now();
        IncidentRecord incident = Sev1Incident.incident(execution);
        List<PhaseRecord> overruns = incident.unescalatedOverruns(now).stream().filter(p -> !incident.escalated(p.phase())).toList();
        NEW_OVERRUN.set(execution, !overruns.isEmpty());
        if (overruns.isEmpty()) {
            RunLog.record(execution, "SLA check", SITE.get(execution), "no new overrun", null, "");
            return;
        }
        String which = overruns.stream().map(p -> p.phase() + " (" + IncidentRecord.minutes(settings.budget(p.phase())) + " budget, "
                + IncidentRecord.minutes(Duration.between(incident.openedAt(), now)) + " since opening)").collect(Collectors.joining(", "));
        Sev1Incident.incident(execution, incident.escalate(overruns, now));
        OVERRUN.set(execution, which);
        notices.send(execution, sites.require(SITE.get(execution)), Severity.SEV1, "Sev-1 on " + SITE.get(execution) + " overran: " + which,
                "The incident \"" + TITLE.get(execution) + "\" is past its SLA: " + which + ". An ops lead must acknowledge it in Tasklist.");
    }
}
