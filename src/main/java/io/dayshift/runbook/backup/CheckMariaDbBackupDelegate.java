package io.dayshift.runbook.backup;

import static io.dayshift.runbook.backup.BackupSiteVariables.KOLLA_RUN;
import static io.dayshift.runbook.backup.BackupSiteVariables.MARIADB_BACKUP;
import static io.dayshift.runbook.backup.BackupSiteVariables.SITE;
import static io.dayshift.runbook.backup.BackupSiteVariables.TABLE_ROWS;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupException;
import io.dayshift.backup.BackupHosts;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRun;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.kolla.KollaRunState;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckMariaDbBackup} (Kolla): one look at the run. Finished well: the newest backup file of its kind in the
 * {@code mariadb_backup} volume of the first MariaDB host is the artefact. Failed or lost: the part is not backed up.
 */
@Component("checkMariaDbBackup")
class CheckMariaDbBackupDelegate implements JavaDelegate {

    static final String VOLUME = "/var/lib/docker/volumes/mariadb_backup/_data";

    private final Sites sites;
    private final KollaDeployer kolla;
    private final BackupHosts hosts;
    private final PartRecords records;

    CheckMariaDbBackupDelegate(Sites sites, KollaDeployer kolla, BackupHosts hosts, PartRecords records) {
        this.sites = sites;
        this.kolla = kolla;
        this.hosts = hosts;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        KollaRunHandle handle = KOLLA_RUN.get(execution);
        KollaRunState state = kolla.check(site, handle);
        if (state.running()) {
            MARIADB_BACKUP.set(execution.getProcessInstance(), BackupSiteIds.RUNNING);
        } else if (state.result().map(KollaRun::succeeded).orElse(false)) {
            String group = BackupPlanner.requireHostGroup(site, PartRecords.part(execution));
            String prefix = PartRecords.part(execution) == ArtefactKind.MARIADB_INCREMENTAL ? "incremental-" : "mysqlbackup-";
            String file = hosts.newestFile(site, group, VOLUME, prefix).orElseThrow(() -> new BackupException("site " + site.name()
                    + ": run " + handle.runId() + " succeeded but no " + prefix + "* file is in " + VOLUME + " on the first host of " + group));
            records.taken(execution, hosts.facts(site, group, VOLUME + "/" + file).orElseThrow(), TABLE_ROWS.get(execution), handle.command(), true);
            MARIADB_BACKUP.set(execution.getProcessInstance(), BackupSiteIds.SUCCEEDED);
        } else {
            records.failed(execution, handle.command(), handle.runId(), "kolla-ansible mariadb_backup " + state.status().name().toLowerCase()
                    + ": " + state.detail(), state.logTail());
            MARIADB_BACKUP.set(execution.getProcessInstance(), BackupSiteIds.FAILED);
        }
    }
}
