package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.INITIATOR;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_COMPLETE;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;
import static io.dayshift.runbook.backup.BackupSite.Variables.NOT_APPLICABLE;
import static io.dayshift.runbook.backup.BackupSite.Variables.PARTS;
import static io.dayshift.runbook.backup.BackupSite.Variables.PRUNED;
import static io.dayshift.runbook.backup.BackupSite.Variables.PRUNED_COPIES;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupSet;
import io.dayshift.backup.OffHostCopy;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SummariseBackup}: closes the set; {@code backupComplete} and the summary say what was and was not backed up, and
 * copied off host. Where the site has an off-host target, a backup is complete only when every artefact has a verified copy there.
 */
@Component("summariseBackup")
class SummariseBackupDelegate implements JavaDelegate {

    private final BackupCatalogue catalogue;
    private final Sites sites;

    SummariseBackupDelegate(BackupCatalogue catalogue, Sites sites) {
        this.catalogue = catalogue;
        this.sites = sites;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = BACKUP_ID.get(execution);
        catalogue.finish(id, RunLog.now());
        BackupSet set = catalogue.find(id).orElseThrow(() -> new IllegalStateException("backup set " + id + " is not in the catalogue"));
        Site site = sites.require(SITE.get(execution));
        List<OffHostCopy> copies = catalogue.copies(id);
        List<String> parts = PARTS.get(execution);
        boolean copied = site.backup().offHost() == null || set.artefacts().stream().filter(Artefact::verified)
                .allMatch(a -> copies.stream().anyMatch(c -> c.kind() == a.kind() && c.verified()));
        boolean complete = set.failures().isEmpty() && copied
                && parts.stream().allMatch(p -> set.artefact(ArtefactKind.valueOf(p)).map(Artefact::verified).orElse(false));
        BACKUP_COMPLETE.set(execution.getProcessInstance(), complete);
        RunLog.summarise(execution, summary(set, complete, NOT_APPLICABLE.get(execution), PRUNED.find(execution).orElse(0L),
                INITIATOR.find(execution).orElse("")) + " " + offHost(site, copies, PRUNED_COPIES.find(execution).orElse(0L)));
    }

    /** Where the copies went, or that there is no off-host target. */
    static String offHost(Site site, List<OffHostCopy> copies, long pruned) {
        Site.OffHost store = site.backup().offHost();
        if (store == null) {
            return "No off-host target is configured (dayshift.sites." + site.name() + ".backup.off-host): the backups stayed on their hosts.";
        }
        List<OffHostCopy> good = copies.stream().filter(OffHostCopy::verified).toList();
        List<OffHostCopy> bad = copies.stream().filter(c -> !c.verified()).toList();
        StringBuilder text = new StringBuilder("Copied off host to " + site.firstHostOf(store.hostGroup()).host() + " and verified there: ")
                .append(good.isEmpty() ? "nothing" : String.join("; ", good.stream().map(c -> c.kind() + " " + c.path()).toList())).append(". ");
        if (!bad.isEmpty()) {
            text.append("NOT copied off host: ").append(String.join("; ", bad.stream().map(c -> c.kind() + ": " + c.problem()).toList())).append(". ");
        }
        return text.append("Pruned ").append(pruned).append(" expired off-host cop").append(pruned == 1 ? "y" : "ies").append('.').toString();
    }

    static String summary(BackupSet set, boolean complete, List<String> notApplicable, long pruned, String initiator) {
        StringBuilder text = new StringBuilder("Backup " + set.id() + " of site " + set.site() + " (" + set.flavour() + ", scope " + set.scope()
                + (initiator.isEmpty() ? "" : ", started by " + initiator) + "): " + (complete ? "complete" : "INCOMPLETE") + ". ");
        List<Artefact> verified = set.artefacts().stream().filter(Artefact::verified).toList();
        text.append("Backed up and verified: ").append(verified.isEmpty() ? "nothing" : String.join("; ", verified.stream()
                .map(a -> a.kind() + " " + a.host() + ":" + a.path() + " (" + a.sizeBytes() + " bytes, sha256 " + a.sha256() + ")").toList())).append(". ");
        if (!set.failures().isEmpty()) {
            text.append("NOT backed up: ").append(String.join("; ", set.failures())).append(". ");
        }
        if (!notApplicable.isEmpty()) {
            text.append("Not applicable: ").append(String.join("; ", notApplicable)).append(". ");
        }
        return text.append("Pruned ").append(pruned).append(" expired artefact(s).").toString();
    }
}
