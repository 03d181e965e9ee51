package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Variables.BACKUP_ID;
import static io.dayshift.runbook.restore.DrRestore.Variables.ESCALATION;
import static io.dayshift.runbook.restore.DrRestore.Variables.SCOPE;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.restore.DrRestore.Variables.STARTED_AT;

import io.dayshift.engine.RunLog;
import io.dayshift.notify.Notification;
import io.dayshift.notify.NotificationResult;
import io.dayshift.notify.Notifier;
import io.dayshift.notify.Severity;
import io.dayshift.site.Sites;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_NotifyFirstEscalation}, {@code Task_NotifySecondEscalation}, {@code Task_NotifyRtoBreached}: tells the site's
 * notification channels how long the restore has run against its RTO and where it is. A channel that cannot deliver never
 * fails the step (the result says so); the escalation task that follows is the visible record.
 */
@Component("notifyRestoreEscalation")
class NotifyEscalationDelegate implements JavaDelegate {

    private final Sites sites;
    private final Notifier notifier;

    NotifyEscalationDelegate(Sites sites, Notifier notifier) {
        this.sites = sites;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String site = SITE.get(execution);
        Duration running = STARTED_AT.find(execution).map(s -> Duration.between(Instant.parse(s), RunLog.now())).orElse(Duration.ZERO);
        boolean breached = execution.getCurrentActivityId().equals(DrRestore.Elements.NOTIFY_RTO_BREACHED);
        String where = RunLog.STEPS.find(execution).map(RunLog.StepRecords::steps).filter(s -> !s.isEmpty()).map(s -> s.get(s.size() - 1))
                .map(last -> "last step " + last.step() + ": " + last.result()).orElse("no step yet");
        String subject = "DR restore of " + site + (breached ? " has MISSED its RTO" : " still running") + " after " + running.toHours() + " h "
                + running.toMinutesPart() + " min";
        String text = "Restore (" + SCOPE.find(execution).orElse("?") + ") of site " + site + " from backup " + BACKUP_ID.find(execution).orElse("?")
                + ", run " + execution.getProcessInstanceId() + ", started " + STARTED_AT.find(execution).orElse("?") + "; " + where
                + ". Open the run in Cockpit and acknowledge the escalation task in Tasklist.";
        NotificationResult result = notifier.notify(sites.require(site), new Notification(subject, text, breached ? Severity.SEV1 : Severity.SEV2,
                Optional.empty()));
        ESCALATION.set(execution, subject);
        RunLog.record(execution, "notify " + site, site, subject, null, result.toString());
    }
}
