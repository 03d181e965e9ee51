package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.ARTEFACT;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;
import static io.dayshift.runbook.backup.BackupSite.Variables.OFF_HOST_COPY_FAILED;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupHosts;
import io.dayshift.backup.FileFacts;
import io.dayshift.backup.OffHostCopy;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_VerifyOffHostCopy}: the store computes the checksum of the {@code .part}; equal to the artefact's, the copy is
 * renamed into place and recorded verified; else the {@code .part} is removed and the copy recorded as failed, which ends the
 * part as not backed up off host (the artefact on its host stays verified). A retry finds the copy in place and records it again.
 */
@Component("verifyOffHostCopy")
class VerifyOffHostCopyDelegate implements JavaDelegate {

    private final Sites sites;
    private final BackupHosts hosts;
    private final BackupCatalogue catalogue;

    VerifyOffHostCopyDelegate(Sites sites, BackupHosts hosts, BackupCatalogue catalogue) {
        this.sites = sites;
        this.hosts = hosts;
        this.catalogue = catalogue;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        Site.OffHost store = site.backup().offHost();
        OFF_HOST_COPY_FAILED.set(execution.getProcessInstance(), false);
        if (store == null) {
            return;
        }
        Artefact artefact = ARTEFACT.get(execution);
        String storePath = CopyArtefactOffHostDelegate.storePath(site, BACKUP_ID.get(execution), artefact);
        String host = site.firstHostOf(store.hostGroup()).host();
        boolean inPlace = hosts.facts(site, store.hostGroup(), storePath).filter(f -> f.sha256().equals(artefact.sha256())).isPresent();
        Optional<FileFacts> part = inPlace ? Optional.empty() : hosts.facts(site, store.hostGroup(), storePath + ".part");
        String problem = inPlace ? "" : part.isEmpty() ? "the copy " + storePath + ".part is not on the store"
                : !part.get().sha256().equals(artefact.sha256()) ? "checksum on the store " + part.get().sha256() + " differs from the artefact's "
                + artefact.sha256() : "";
        if (problem.isEmpty() && !inPlace) {
            hosts.keepCopy(site, storePath);
        } else if (part.isPresent()) {
            hosts.remove(site, store.hostGroup(), storePath + ".part");
        }
        catalogue.recordCopy(new OffHostCopy(BACKUP_ID.get(execution), artefact.kind(), host, storePath, artefact.sizeBytes(), artefact.sha256(),
                artefact.takenAt(), RunLog.now(), problem.isEmpty(), problem));
        OFF_HOST_COPY_FAILED.set(execution.getProcessInstance(), !problem.isEmpty());
        RunLog.record(execution, "sha256sum " + storePath + ".part; mv", host + ":" + storePath, problem.isEmpty()
                ? "copy verified off host, sha256 " + artefact.sha256() : "NOT copied off host: " + problem, null, "");
    }
}
