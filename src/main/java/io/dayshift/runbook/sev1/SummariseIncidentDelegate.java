package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.FOLLOW_UPS;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.ROOT_CAUSE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.RTO_MET;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TITLE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.VERDICT;

import io.dayshift.engine.RunLog;
import io.dayshift.notify.Severity;
import io.dayshift.runbook.sev1.IncidentRecord.MitigationRecord;
import io.dayshift.site.Sites;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SummariseIncident}: the summary auditors read (phases with their times, overruns, mitigations with who chose
 * and approved them, root cause, follow-ups, RTO met or not), sent to the site's people as the incident's closing notice.
 */
@Component("summariseIncident")
class SummariseIncidentDelegate implements JavaDelegate {

    private final Sites sites;
    private final IncidentNotices notices;
    private final Sev1Incident settings;

    SummariseIncidentDelegate(Sites sites, IncidentNotices notices, Sev1Incident settings) {
        this.sites = sites;
        this.notices = notices;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        IncidentRecord incident = Sev1Incident.incident(execution);
        Instant resolvedAt = incident.closedAt().orElse(RunLog.now());
        Duration took = Duration.between(incident.openedAt(), resolvedAt);
        boolean rtoMet = took.compareTo(settings.rto()) <= 0;
        RTO_MET.set(execution, rtoMet);
        String phases = incident.phases().stream().map(p -> p.phase() + " " + IncidentRecord.minutes(Duration.between(p.startedAt(),
                p.endedAt() == null ? resolvedAt : p.endedAt())) + (p.escalatedAt() != null ? " (OVERRAN, escalated)" : "")).collect(Collectors.joining(", "));
        String actions = incident.mitigations().isEmpty() ? "none" : incident.mitigations().stream().map(SummariseIncidentDelegate::describe)
                .collect(Collectors.joining("; "));
        String summary = "Sev-1 on " + SITE.get(execution) + " \"" + TITLE.get(execution) + "\" (from " + incident.source() + ") resolved in "
                + IncidentRecord.minutes(took) + ": RTO of " + IncidentRecord.minutes(settings.rto()) + (rtoMet ? " met" : " MISSED") + ". Phases: " + phases
                + ". Mitigations: " + actions + ". " + VERDICT.find(execution).orElse("")
                + (incident.alertResolvedAt() == null ? "" : " Alertmanager reported the alert resolved at " + incident.alertResolvedAt() + ".")
                + " Root cause: " + ROOT_CAUSE.get(execution) + ". Follow-ups: " + FOLLOW_UPS.get(execution) + ".";
        RunLog.summarise(execution, summary);
        notices.send(execution, sites.require(SITE.get(execution)), Severity.INFO, "Sev-1 on " + SITE.get(execution) + " closed: " + TITLE.get(execution), summary);
    }

    private static String describe(MitigationRecord m) {
        return m.action() + (m.target().isEmpty() ? "" : " " + m.target()) + " chosen by " + m.chosenBy()
                + (m.approvedBy().isEmpty() ? "" : ", approved by " + m.approvedBy()) + ": " + m.outcome();
    }
}
