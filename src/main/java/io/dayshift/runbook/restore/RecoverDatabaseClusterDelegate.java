package io.dayshift.runbook.restore;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import io.dayshift.engine.RunLog;

/**
 * {@code Task_RecoverDatabaseCluster}, reading only {@code site} and {@code backupId}: Kolla: {@code kolla-ansible
 * mariadb_recovery -e mariadb_recover_inventory_name=<mariadb[0]>}, detached, so that Galera bootstraps from the
 * restored data and the other nodes rejoin by state transfer. Charmed: nothing to do (the charm's restore runs in the
 * live cluster).
 */
@Component("recoverDatabaseCluster")
class RecoverDatabaseClusterDelegate implements JavaDelegate {

    private final RestoreTargets targets;
    private final KollaDeployer kolla;

    RecoverDatabaseClusterDelegate(RestoreTargets targets, KollaDeployer kolla) {
        this.targets = targets;
        this.kolla = kolla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (!DrRestore.databaseInScope(execution) || DrRestore.doneBefore(execution)) {
            return;
        }
        Site site = targets.site(SITE.get(execution));
        if (site.flavour() != Flavour.KOLLA) {
            DrRestore.started(execution, site.name(), null);
            RunLog.record(execution, "none", site.name(), "nothing to recover", null, "charmed: the mysql-innodb-cluster stayed up during the restore");
            return;
        }
        KollaRunHandle handle = kolla.startMariaDbRecovery(site, DrRestore.runId(execution));
        DrRestore.started(execution, "mariadb[0]", handle);
        RunLog.record(execution, handle.command(), "mariadb[0]", "started as run " + handle.runId(), null, "");
    }
}
