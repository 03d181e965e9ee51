package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupHosts;
import io.dayshift.backup.FileFacts;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SaveVaultSnapshot}: a raft snapshot on the Vault host with the token the host keeps, mode 600; not again if there. */
@Component("saveVaultSnapshot")
class SaveVaultSnapshotDelegate implements JavaDelegate {

    private final Sites sites;
    private final BackupHosts hosts;
    private final PartRecords records;

    SaveVaultSnapshotDelegate(Sites sites, BackupHosts hosts, PartRecords records) {
        this.sites = sites;
        this.hosts = hosts;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String group = BackupPlanner.requireHostGroup(site, ArtefactKind.VAULT_SNAPSHOT);
        String target = BackupPlanner.target(site, BACKUP_ID.get(execution), "vault.snap");
        Optional<FileFacts> there = hosts.facts(site, group, target);
        if (there.isEmpty()) {
            hosts.saveVaultSnapshot(site, group, target, site.backup().vaultAddress().toString());
        }
        records.taken(execution, there.or(() -> hosts.facts(site, group, target)).orElseThrow(), TableRows.none(),
                "vault operator raft snapshot save " + target, there.isEmpty());
    }
}
