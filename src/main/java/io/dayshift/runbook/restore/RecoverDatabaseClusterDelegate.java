package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestoreVariables.SITE;

import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

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
        if (!Steps.databaseInScope(execution) || Steps.doneBefore(execution)) {
            return;
        }
        Site site = targets.site(SITE.get(execution));
        if (site.flavour() != Flavour.KOLLA) {
            Steps.await(execution, null);
            Steps.record(execution, "none", site.name(), "nothing to recover", "charmed: the mysql-innodb-cluster stayed up during the restore");
            return;
        }
        KollaRunHandle handle = kolla.startMariaDbRecovery(site, Steps.runId(execution));
        Steps.await(execution, handle);
        Steps.record(execution, handle.command(), "mariadb[0]", "started as run " + handle.runId(), "");
    }
}
