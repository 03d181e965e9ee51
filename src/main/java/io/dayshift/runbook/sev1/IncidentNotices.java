package io.dayshift.runbook.sev1;

import io.dayshift.notify.ChannelOutcome;
import io.dayshift.notify.Notification;
import io.dayshift.notify.NotificationResult;
import io.dayshift.notify.Notifier;
import io.dayshift.notify.Severity;
import io.dayshift.site.Site;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Tells the site's people about the incident (chat and mail, as the site's {@code notify} settings say), with a link to
 * the run in Cockpit, and records what each channel did. A channel that fails never fails the step: the incident goes on.
 */
@Component
class IncidentNotices {

    private final Notifier notifier;
    private final Sev1IncidentSettings settings;

    IncidentNotices(Notifier notifier, Sev1IncidentSettings settings) {
        this.notifier = notifier;
        this.settings = settings;
    }

    URI link(DelegateExecution execution) {
        return settings.cockpitLink(execution.getProcessInstanceId());
    }

    /** Sends and records the outcome as a step of the current activity. */
    NotificationResult send(DelegateExecution execution, Site site, Severity severity, String subject, String text) {
        URI link = link(execution);
        NotificationResult result = notifier.notify(site, new Notification(subject, text + "\n\nIncident: " + link, severity, Optional.of(link)));
        String outcome = result.outcomes().isEmpty() ? "no channel configured (dayshift.sites." + site.name() + ".notify)"
                : result.outcomes().stream().map(o -> o.channel().name().toLowerCase() + (o.delivered() ? " delivered" : " NOT delivered"))
                .collect(Collectors.joining(", "));
        Steps.record(execution, "notify [" + severity + "] " + subject, site.name(), outcome,
                result.failures().stream().map(ChannelOutcome::detail).collect(Collectors.joining("\n")));
        return result;
    }
}
