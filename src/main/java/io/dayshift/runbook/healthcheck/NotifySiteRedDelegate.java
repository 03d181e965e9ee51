package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.healthcheck.SiteHealthCheck.Variables.FINDINGS;

import io.dayshift.notify.Notification;
import io.dayshift.notify.Severity;
import io.dayshift.runbook.RunNotices;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import java.util.Optional;
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
    private final RunNotices notices;

    NotifySiteRedDelegate(Sites sites, RunNotices notices) {
        this.sites = sites;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<Finding> red = FINDINGS.find(execution).orElse(List.of()).stream().filter(f -> f.health() == Health.RED).toList();
        String subject = "Daily health check: site " + site.name() + " is RED (" + red.size() + " red finding(s))";
        notices.send(execution, site, new Notification(subject, "Site " + site.name() + " is " + Health.RED + ".\n" + Finding.lines(red),
                Severity.SEV2, Optional.empty()));
    }
}
