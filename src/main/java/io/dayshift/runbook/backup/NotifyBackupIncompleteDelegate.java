package io.dayshift.runbook.backup;

import static io.dayshift.engine.RunLog.SUMMARY;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupSet;
import io.dayshift.notify.Notification;
import io.dayshift.notify.NotificationResult;
import io.dayshift.notify.Notifier;
import io.dayshift.notify.Severity;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_NotifyBackupIncomplete}: tells the site's notification channels ({@code dayshift.sites.<site>.notify}) that the
 * backup is incomplete, with the site, the set and the summary, which names every part not backed up or not copied off host.
 * SEV2 when nothing was backed up, SEV3 otherwise. A channel that cannot deliver never fails the step: the step record says so.
 */
@Component("notifyBackupIncomplete")
class NotifyBackupIncompleteDelegate implements JavaDelegate {

    private final Sites sites;
    private final BackupCatalogue catalogue;
    private final Notifier notifier;

    NotifyBackupIncompleteDelegate(Sites sites, BackupCatalogue catalogue, Notifier notifier) {
        this.sites = sites;
        this.catalogue = catalogue;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String id = BACKUP_ID.get(execution);
        boolean nothing = catalogue.find(id).map(BackupSet::artefacts).orElseThrow().stream().noneMatch(Artefact::verified);
        String subject = "Backup " + id + " of site " + site.name() + " is INCOMPLETE" + (nothing ? ": nothing was backed up" : "");
        NotificationResult result = notifier.notify(site, new Notification(subject, SUMMARY.get(execution) + "\n\nRun " + execution.getProcessInstanceId()
                + " of backup-site.", nothing ? Severity.SEV2 : Severity.SEV3, Optional.empty()));
        String outcome = result.outcomes().isEmpty() ? "no channel configured (dayshift.sites." + site.name() + ".notify)"
                : result.allDelivered() ? "delivered" : "NOT delivered on every channel";
        RunLog.record(execution, "notify " + site.name(), site.name(), outcome + ": " + subject, null,
                String.join("; ", result.failures().stream().map(f -> f.channel() + ": " + f.detail()).toList()));
    }
}
