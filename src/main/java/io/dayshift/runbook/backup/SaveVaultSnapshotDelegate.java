package io.dayshift.runbook.backup;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupHosts;
import io.dayshift.site.Sites;
import org.springframework.stereotype.Component;

/** {@code Task_SaveVaultSnapshot}: a raft snapshot on the Vault host with the token the host keeps, mode 600; not again if there. */
@Component("saveVaultSnapshot")
class SaveVaultSnapshotDelegate extends HostFileStep {

    SaveVaultSnapshotDelegate(Sites sites, BackupHosts hosts, PartRecords records) {
        super(sites, hosts, records, ArtefactKind.VAULT_SNAPSHOT, "vault.snap",
                (execution, site, group, target) -> hosts.saveVaultSnapshot(site, group, target, site.backup().vaultAddress().toString()),
                (site, target) -> "vault operator raft snapshot save " + target);
    }
}
