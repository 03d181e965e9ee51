package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.SCOPE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TITLE;

import io.dayshift.notify.Severity;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_NotifyIncident}: chat and mail to the site's people, with the scope and the link to the incident in Cockpit. */
@Component("notifyIncident")
class NotifyIncidentDelegate implements JavaDelegate {

    private final Sites sites;
    private final IncidentNotices notices;

    NotifyIncidentDelegate(Sites sites, IncidentNotices notices) {
        this.sites = sites;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        IncidentRecord incident = Sev1Incident.incident(execution);
        notices.send(execution, site, Severity.SEV1, "Sev-1 on " + site.name() + ": " + TITLE.get(execution),
                "Opened " + incident.openedAt() + " from " + incident.source() + ".\n" + SCOPE.find(execution).orElse(""));
    }
}
