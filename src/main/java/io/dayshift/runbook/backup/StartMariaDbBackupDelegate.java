package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.TABLE_ROWS;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupHosts;
import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.await.KollaRunProbe;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_StartMariaDbBackup} (Kolla): the key tables' row counts, then {@code kolla-ansible mariadb_backup} (full or
 * incremental) started detached, run id {@code <process instance>-Task_StartMariaDbBackup-<part number>}: a retry finds it.
 * The run is the {@code operation} that {@code Task_AwaitMariaDbBackup} awaits.
 */
@Component("startMariaDbBackup")
class StartMariaDbBackupDelegate implements JavaDelegate {

    private final Sites sites;
    private final KollaDeployer kolla;
    private final BackupHosts hosts;

    StartMariaDbBackupDelegate(Sites sites, KollaDeployer kolla, BackupHosts hosts) {
        this.sites = sites;
        this.kolla = kolla;
        this.hosts = hosts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        TABLE_ROWS.set(execution.getProcessInstance(), site.databaseHostGroup().map(g -> new TableRows(hosts.countRows(site, g))).orElse(TableRows.none()));
        ArtefactKind part = PartRecords.part(execution);
        KollaAction action = part == ArtefactKind.MARIADB_INCREMENTAL ? KollaAction.MARIADB_BACKUP_INCREMENTAL : KollaAction.MARIADB_BACKUP_FULL;
        String runId = execution.getProcessInstanceId() + "-" + execution.getCurrentActivityId() + "-" + execution.getVariable("loopCounter");
        KollaRunHandle handle = kolla.start(site, action, List.of(), runId);
        AwaitOperation.OPERATION.set(execution.getProcessInstance(), KollaRunProbe.operation(site.name(), part.name(), handle));
        RunLog.record(execution, handle.command(), runId, "started on the deployer", null, "row counts " + TABLE_ROWS.get(execution).rows());
    }
}
