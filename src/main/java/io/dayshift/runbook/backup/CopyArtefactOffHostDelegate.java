package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.ARTEFACT;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.BackupHosts;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CopyArtefactOffHost}: the verified artefact is copied by its own host to {@code <store>.part} on the site's
 * off-host store ({@link BackupHosts#copyToStore}); {@code Task_VerifyOffHostCopy} checks it there. Nothing to do when the
 * site has no store, or when a retry finds the whole verified copy in place already.
 */
@Component("copyArtefactOffHost")
class CopyArtefactOffHostDelegate implements JavaDelegate {

    private final Sites sites;
    private final BackupHosts hosts;

    CopyArtefactOffHostDelegate(Sites sites, BackupHosts hosts) {
        this.sites = sites;
        this.hosts = hosts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        Artefact artefact = ARTEFACT.get(execution);
        Site.OffHost store = site.backup().offHost();
        if (store == null) {
            RunLog.record(execution, "none", artefact.host() + ":" + artefact.path(), "stays on its host only: no off-host target "
                    + "(dayshift.sites." + site.name() + ".backup.off-host)", null, "");
            return;
        }
        String storePath = storePath(site, BACKUP_ID.get(execution), artefact);
        String target = site.firstHostOf(store.hostGroup()).host() + ":" + storePath;
        if (hosts.facts(site, store.hostGroup(), storePath).filter(f -> f.sha256().equals(artefact.sha256())).isPresent()) {
            RunLog.record(execution, "none", target, "copy there from an earlier try", null, "");
            return;
        }
        hosts.copyToStore(site, BackupPlanner.requireHostGroup(site, artefact.kind()), artefact.path(), storePath);
        RunLog.record(execution, "scp " + artefact.path() + " (on " + artefact.host() + ") to " + target + ".part", target + ".part",
                "copied, " + artefact.sizeBytes() + " bytes", 0, "");
    }

    /** Where an artefact's copy lies on the store: {@code <off-host path>/<backup id>/<file name>}. */
    static String storePath(Site site, String backupId, Artefact artefact) {
        return site.backup().offHost().path() + "/" + backupId + "/" + artefact.path().substring(artefact.path().lastIndexOf('/') + 1);
    }
}
