package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.ARTEFACT;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;
import static io.dayshift.runbook.backup.BackupSite.Variables.PART;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.FileFacts;
import io.dayshift.engine.RunLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** What every part step records: the artefact it made (catalogue, variable, audit step) or why the part failed. */
@Component
class PartRecords {

    private final BackupCatalogue catalogue;

    PartRecords(BackupCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    static ArtefactKind part(DelegateExecution execution) {
        return ArtefactKind.valueOf(PART.get(execution));
    }

    /**
     * The part's artefact as found on its host, recorded unverified; {@code made}: written now, or found from an earlier try. An
     * incremental MariaDB backup records the set of the full it builds on: the site's newest full, as Kolla's backup chooses it.
     */
    void taken(DelegateExecution execution, FileFacts facts, TableRows rows, String action, boolean made) {
        Artefact artefact = new Artefact(part(execution), facts.host(), facts.path(), facts.sizeBytes(), facts.sha256(), RunLog.now(), false, rows.rows());
        if (artefact.kind() == ArtefactKind.MARIADB_INCREMENTAL) {
            artefact = artefact.withBase(catalogue.newestFull(SITE.get(execution), artefact.takenAt()).orElse(null));
        }
        catalogue.append(BACKUP_ID.get(execution), artefact);
        ARTEFACT.set(execution.getProcessInstance(), artefact);
        RunLog.record(execution, action, facts.host() + ":" + facts.path(), (made ? "written" : "there from an earlier try")
                + ", " + facts.sizeBytes() + " bytes, mode " + facts.mode() + ", sha256 " + facts.sha256(), 0, "");
    }

    /** The part could not be backed up: one line in the set's failures and in the audit trail. */
    void failed(DelegateExecution execution, String action, String target, String reason, String evidence) {
        catalogue.recordFailure(BACKUP_ID.get(execution), part(execution), reason);
        RunLog.record(execution, action, target, "not backed up: " + reason, null, evidence);
    }
}
