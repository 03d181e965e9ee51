package io.dayshift.runbook.sev1;

import io.dayshift.notify.Notification;
import io.dayshift.notify.NotificationResult;
import io.dayshift.notify.Severity;
import io.dayshift.runbook.RunNotices;
import io.dayshift.site.Site;
import java.net.URI;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Tells the site's people about the incident ({@link RunNotices}), with a link to the run in Cockpit. A channel that fails
 * never fails the step: the incident goes on.
 */
@Component
class IncidentNotices {

    private final RunNotices notices;
    private final Sev1Incident settings;

    IncidentNotices(RunNotices notices, Sev1Incident settings) {
        this.notices = notices;
        this.settings = settings;
    }

    URI link(DelegateExecution execution) {
        return settings.cockpitLink(execution.getProcessInstanceId());
    }

    /** Sends and records the outcome as a step of the current activity. */
    NotificationResult send(DelegateExecution execution, Site site, Severity severity, String subject, String text) {
        URI link = link(execution);
        return notices.send(execution, site, new Notification(subject, text + "\n\nIncident: " + link, severity, Optional.of(link)));
    }
}
