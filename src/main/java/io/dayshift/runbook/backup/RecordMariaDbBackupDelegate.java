package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.TABLE_ROWS;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupException;
import io.dayshift.backup.BackupHosts;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.await.KollaRunProbe;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordMariaDbBackup} (Kolla, the run finished well): the newest backup file of its kind in the
 * {@code mariadb_backup} volume of the first MariaDB host is the part's artefact, recorded with its size, checksum and the
 * row counts taken when the run started.
 */
@Component("recordMariaDbBackup")
class RecordMariaDbBackupDelegate implements JavaDelegate {

    static final String VOLUME = "/var/lib/docker/volumes/mariadb_backup/_data";

    private final Sites sites;
    private final BackupHosts hosts;
    private final PartRecords records;

    RecordMariaDbBackupDelegate(Sites sites, BackupHosts hosts, PartRecords records) {
        this.sites = sites;
        this.hosts = hosts;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        KollaRunHandle run = KollaRunProbe.handle(AwaitOperation.OPERATION.get(execution));
        ArtefactKind part = PartRecords.part(execution);
        String group = BackupPlanner.requireHostGroup(site, part);
        String prefix = part == ArtefactKind.MARIADB_INCREMENTAL ? "incremental-" : "mysqlbackup-";
        String file = hosts.newestFile(site, group, VOLUME, prefix).orElseThrow(() -> new BackupException("site " + site.name()
                + ": run " + run.runId() + " succeeded but no " + prefix + "* file is in " + VOLUME + " on the first host of " + group));
        records.taken(execution, hosts.facts(site, group, VOLUME + "/" + file).orElseThrow(), TABLE_ROWS.get(execution), run.command(), true);
    }
}
