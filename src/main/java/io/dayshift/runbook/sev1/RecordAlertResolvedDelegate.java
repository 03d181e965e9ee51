package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TITLE;

import io.dayshift.engine.RunLog;
import io.dayshift.notify.Severity;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordAlertResolved}: Alertmanager says the alert stopped firing. Noted in the incident and told to the site's
 * people; it does not close the incident: the resolution phase still verifies the site end to end.
 */
@Component("recordAlertResolved")
class RecordAlertResolvedDelegate implements JavaDelegate {

    private final Sites sites;
    private final IncidentNotices notices;

    RecordAlertResolvedDelegate(Sites sites, IncidentNotices notices) {
        this.sites = sites;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Sev1Incident.incident(execution, Sev1Incident.incident(execution).alertResolved(RunLog.now()));
        notices.send(execution, sites.require(SITE.get(execution)), Severity.INFO, "Alert resolved on " + SITE.get(execution) + ": " + TITLE.get(execution),
                "Alertmanager reports the alert resolved. The incident stays open until its resolution phase has verified the site.");
    }
}
