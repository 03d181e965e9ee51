package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Variables.BACKUP_ID;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.BackupHosts;
import io.dayshift.charm.ActionFailedException;
import io.dayshift.charm.ActionResult;
import io.dayshift.charm.CharmModel;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import io.dayshift.engine.RunLog;

/**
 * {@code Task_RestoreDatabases}, reading only {@code site} and {@code backupId} (rolling-upgrade's rollback reuses it):
 * Kolla: the backup's chain ({@link RestorePoint}: the full mariabackup, then the incrementals built on it up to the
 * backup's, in order) restored on the node Kolla backs up on ({@code mariadb[0]}) in a one-shot container, detached on the
 * deployer (the wait after the step awaits it; the node's mariadb must be stopped). Charmed: the mysql-innodb-cluster leader's
 * {@code restore-mysqldump} action with the backup's dump; a failed action is {@code RESTORE_STEP_FAILED}.
 */
@Component("restoreDatabases")
class RestoreDatabasesDelegate implements JavaDelegate {

    /** Where the mysql-innodb-cluster charm keeps its dumps on the unit's machine, and where the restore puts the backup's back. */
    static final String UNIT_DUMPS = "/var/backups/mysql";

    private final RestoreTargets targets;
    private final KollaDeployer kolla;
    private final CharmModel charms;
    private final BackupHosts hosts;

    RestoreDatabasesDelegate(RestoreTargets targets, KollaDeployer kolla, CharmModel charms, BackupHosts hosts) {
        this.targets = targets;
        this.kolla = kolla;
        this.charms = charms;
        this.hosts = hosts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (!DrRestore.databaseInScope(execution) || DrRestore.doneBefore(execution)) {
            return;
        }
        Site site = targets.site(SITE.get(execution));
        RestorePoint point = targets.database(site, BACKUP_ID.get(execution));
        point.chain().forEach(link -> targets.onItsHost(execution, site, link.setId(), link.artefact()));
        if (site.flavour() == Flavour.KOLLA) {
            KollaRunHandle handle = kolla.startMariaDbRestore(site, point.files(), DrRestore.runId(execution));
            DrRestore.started(execution, "mariadb[0] (" + point.newest().host() + ")", handle);
            RunLog.record(execution, handle.command(), "mariadb[0] (" + point.newest().host() + ")", "started as run " + handle.runId(), null, "");
            return;
        }
        Artefact dump = point.newest();
        String leader = Leaders.of(charms.status(site), site.backup().mysqlApplication());
        String onUnit = UNIT_DUMPS + "/" + RestoreInputCheck.fileName(dump.path());
        hosts.copyToUnit(site, dump.path(), leader, onUnit);
        String action = "juju scp " + dump.path() + " " + leader + ":" + onUnit + "; juju run " + leader + " restore-mysqldump dump-file=" + onUnit;
        try {
            ActionResult result = charms.runAction(site, leader, "restore-mysqldump", Map.of("dump-file", onUnit));
            RunLog.record(execution, action, leader, result.status(), null, result.results().getOrDefault("outcome", result.message()));
            DrRestore.started(execution, leader, null);
        } catch (ActionFailedException e) {
            RunLog.record(execution, action, leader, "failed", null, e.getMessage());
            throw new BpmnError(DrRestore.RESTORE_STEP_FAILED, "restore-mysqldump failed on " + leader + ": " + e.getMessage());
        }
    }
}
