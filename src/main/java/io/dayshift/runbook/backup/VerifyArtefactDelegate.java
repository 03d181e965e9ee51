package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.ARTEFACT;
import static io.dayshift.runbook.backup.BackupSite.Variables.ARTEFACT_VERIFIED;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupHosts;
import io.dayshift.backup.FileFacts;
import io.dayshift.backup.Readability;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_VerifyArtefact}: the file is still there with the recorded checksum, mode 600 where Dayshift wrote it (it may hold
 * keys or passwords), and readable by the tool that would restore it. Read-only, so a retry repeats it harmlessly.
 */
@Component("verifyArtefact")
class VerifyArtefactDelegate implements JavaDelegate {

    private final Sites sites;
    private final BackupHosts hosts;
    private final BackupCatalogue catalogue;
    private final PartRecords records;

    VerifyArtefactDelegate(Sites sites, BackupHosts hosts, BackupCatalogue catalogue, PartRecords records) {
        this.sites = sites;
        this.hosts = hosts;
        this.catalogue = catalogue;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        Artefact artefact = ARTEFACT.get(execution);
        String group = BackupPlanner.requireHostGroup(site, artefact.kind());
        Optional<FileFacts> now = hosts.facts(site, group, artefact.path());
        Readability readable = hosts.readable(site, group, artefact.kind(), artefact.path());
        boolean written = artefact.kind() != ArtefactKind.MARIADB_FULL && artefact.kind() != ArtefactKind.MARIADB_INCREMENTAL;
        String problem = now.isEmpty() ? "the file is gone"
                : !now.get().sha256().equals(artefact.sha256()) ? "checksum " + now.get().sha256() + " differs from the recorded " + artefact.sha256()
                : written && !now.get().mode().equals("600") ? "mode " + now.get().mode() + ", not 600"
                : !readable.readable() ? "not readable: " + readable.check() + " failed" : "";
        catalogue.append(BACKUP_ID.get(execution), artefact.withVerified(problem.isEmpty()));
        ARTEFACT_VERIFIED.set(execution.getProcessInstance(), problem.isEmpty());
        if (problem.isEmpty()) {
            RunLog.record(execution, "sha256sum; " + readable.check(), artefact.host() + ":" + artefact.path(),
                    "verified", 0, readable.evidence());
        } else {
            records.failed(execution, "sha256sum; " + readable.check(), artefact.host() + ":" + artefact.path(), "verification failed: " + problem,
                    readable.evidence());
        }
    }
}
