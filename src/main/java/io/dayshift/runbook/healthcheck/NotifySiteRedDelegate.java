package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.healthcheck.SiteHealthCheckVariables.FINDINGS;
import static io.dayshift.runbook.healthcheck.SiteHealthCheckVariables.SITE;

import io.dayshift.notify.ChannelOutcome;
import io.dayshift.notify.Notification;
import io.dayshift.notify.NotificationResult;
import io.dayshift.notify.Notifier;
import io.dayshift.notify.Severity;
import io.dayshift.runbook.RunLog;
import io.dayshift.runbook.StepRecord;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_NotifySiteRed} (a check started by {@code daily-health-check}): tells the site's channels that the site is RED,
 * with its red findings. A channel that cannot deliver is recorded, never fails the check.
 */
@Component("notifySiteRed")
class NotifySiteRedDelegate implements JavaDelegate {

    private final Sites sites;
    private final Notifier notifier;

    NotifySiteRedDelegate(Sites sites, Notifier notifier) {
        this.sites = sites;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<Finding> red = FINDINGS.find(execution).orElse(List.of()).stream().filter(f -> f.health() == Health.RED).toList();
        String subject = "Daily health check: site " + site.name() + " is RED (" + red.size() + " red finding(s))";
        NotificationResult result = notifier.notify(site, new Notification(subject, "Site " + site.name() + " is " + Health.RED + ".\n"
                + HealthSteps.lines(red), Severity.SEV2, Optional.empty()));
        String outcome = result.outcomes().isEmpty() ? "no channel configured (dayshift.sites." + site.name() + ".notify)"
                : result.outcomes().stream().map(o -> o.channel().name().toLowerCase() + (o.delivered() ? " delivered" : " NOT delivered"))
                .collect(Collectors.joining(", "));
        RunLog.record(execution, new StepRecord(null, "notify [" + Severity.SEV2 + "] " + subject, site.name(), outcome, null,
                result.failures().stream().map(ChannelOutcome::detail).collect(Collectors.joining("\n")), Instant.now()));
    }
}
