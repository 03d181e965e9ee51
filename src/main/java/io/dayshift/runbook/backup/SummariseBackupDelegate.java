package io.dayshift.runbook.backup;

import static io.dayshift.runbook.backup.BackupSiteVariables.BACKUP_COMPLETE;
import static io.dayshift.runbook.backup.BackupSiteVariables.BACKUP_ID;
import static io.dayshift.runbook.backup.BackupSiteVariables.INITIATOR;
import static io.dayshift.runbook.backup.BackupSiteVariables.NOT_APPLICABLE;
import static io.dayshift.runbook.backup.BackupSiteVariables.PARTS;
import static io.dayshift.runbook.backup.BackupSiteVariables.PRUNED;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupSet;
import io.dayshift.runbook.RunLog;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SummariseBackup}: closes the set; {@code backupComplete} and the summary say what was and was not backed up. */
@Component("summariseBackup")
class SummariseBackupDelegate implements JavaDelegate {

    private final BackupCatalogue catalogue;

    SummariseBackupDelegate(BackupCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = BACKUP_ID.get(execution);
        catalogue.finish(id, PartRecords.now());
        BackupSet set = catalogue.find(id).orElseThrow(() -> new IllegalStateException("backup set " + id + " is not in the catalogue"));
        List<String> parts = PARTS.get(execution);
        boolean complete = set.failures().isEmpty()
                && parts.stream().allMatch(p -> set.artefact(ArtefactKind.valueOf(p)).map(Artefact::verified).orElse(false));
        BACKUP_COMPLETE.set(execution.getProcessInstance(), complete);
        RunLog.summarise(execution, summary(set, complete, NOT_APPLICABLE.get(execution), PRUNED.find(execution).orElse(0L),
                INITIATOR.find(execution).orElse("")));
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
