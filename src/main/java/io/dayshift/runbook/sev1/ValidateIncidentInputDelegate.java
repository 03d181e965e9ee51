package io.dayshift.runbook.sev1;

import io.dayshift.alert.AlertVariables;
import static io.dayshift.engine.RunLog.SUMMARY;
import static io.dayshift.runbook.RunVariables.FLAVOUR;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.ALERTNAME;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.FINGERPRINT;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.INCIDENT;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.INCIDENT_LINK;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TITLE;

import io.dayshift.engine.RunLog;
import io.dayshift.runbook.InputProblems;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ValidateInput}: the site is configured and the summary is one line of at most 200 characters; else
 * {@code INPUT_REJECTED}, nothing touched. Opens the incident record; reads configuration only.
 */
@Component("validateIncidentInput")
class ValidateIncidentInputDelegate implements JavaDelegate {

    static final int MAX_TITLE = AlertVariables.HEADLINE;

    private final Sites sites;
    private final IncidentNotices notices;

    ValidateIncidentInputDelegate(Sites sites, IncidentNotices notices) {
        this.sites = sites;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String siteName = SITE.find(execution).orElse("");
        String title = SUMMARY.find(execution).map(String::strip).orElse("");
        InputProblems problems = new InputProblems();
        Optional<Site> site = problems.site(sites, siteName);
        if (title.isEmpty() || title.length() > MAX_TITLE || title.chars().anyMatch(Character::isISOControl)) {
            problems.add("summary: one line of 1 to " + MAX_TITLE + " characters saying what is down");
        }
        if (!problems.none()) {
            String message = "Input rejected, no incident opened: " + String.join("; ", problems.list()) + ".";
            RunLog.record(execution, "check the input", siteName, "rejected", null, message);
            throw new BpmnError(Sev1Incident.INPUT_REJECTED, message);
        }
        String source = ALERTNAME.find(execution).map(a -> "alert " + a + " (" + FINGERPRINT.find(execution).orElse("") + ")").orElse("Tasklist");
        TITLE.set(execution, title);
        FLAVOUR.set(execution, site.get().flavour().name());
        INCIDENT_LINK.set(execution, notices.link(execution).toString());
        if (INCIDENT.find(execution).isEmpty()) {
            INCIDENT.set(execution, IncidentRecord.opened(source, title, RunLog.now()));
        }
        RunLog.record(execution, "check the input", site.get().name(), "accepted", null, "Sev-1 on " + site.get().name()
                + (site.get().simulated() ? " (SIMULATED lab site)" : "") + " from " + source + ": " + title);
    }
}
