package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestoreVariables.BACKUP_ID;
import static io.dayshift.runbook.restore.DrRestoreVariables.EVIDENCE;
import static io.dayshift.runbook.restore.DrRestoreVariables.ROWS_MISMATCH;
import static io.dayshift.runbook.restore.DrRestoreVariables.ROW_CHECK;
import static io.dayshift.runbook.restore.DrRestoreVariables.SITE;

import io.dayshift.backup.Artefact;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_VerifyDatabaseRestore}, reading only {@code site} and {@code backupId}: the exact row count of each key
 * table the backup recorded, read on the restored node ({@code mariadb[0]}), compared with the record. {@code rowsMismatch} when any differs.
 * Charmed: the counts are not read (Dayshift holds no way into the cluster without its root password); recorded as not
 * compared, and handed over.
 */
@Component("verifyDatabaseRestore")
class VerifyDatabaseRestoreDelegate implements JavaDelegate {

    private final RestoreTargets targets;
    private final KollaDeployer kolla;

    VerifyDatabaseRestoreDelegate(RestoreTargets targets, KollaDeployer kolla) {
        this.targets = targets;
        this.kolla = kolla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (!Steps.databaseInScope(execution)) {
            return;
        }
        Site site = targets.site(SITE.get(execution));
        Artefact backup = targets.database(site, BACKUP_ID.get(execution));
        if (site.flavour() != Flavour.KOLLA) {
            String note = "row counts not compared on a charmed site: check them with 'juju run mysql-innodb-cluster/leader cluster-status' and "
                    + "SELECT COUNT(*) on " + String.join(", ", backup.tableRows().keySet());
            ROWS_MISMATCH.set(execution, false);
            ROW_CHECK.set(execution, note);
            Steps.handOver(execution, note);
            Steps.record(execution, "none", backup.host(), "not compared", note);
            return;
        }
        Map<String, Long> now = kolla.countRows(site, List.copyOf(backup.tableRows().keySet()));
        List<String> lines = new ArrayList<>();
        boolean mismatch = false;
        for (Map.Entry<String, Long> e : backup.tableRows().entrySet()) {
            long found = now.getOrDefault(e.getKey(), -1L);
            boolean equal = found == e.getValue();
            mismatch |= !equal;
            lines.add(e.getKey() + ": backup " + e.getValue() + ", restored " + found + (equal ? "" : "  <-- DIFFERS"));
        }
        String check = String.join("\n", lines);
        ROWS_MISMATCH.set(execution, mismatch);
        ROW_CHECK.set(execution, check);
        EVIDENCE.set(execution, check);
        Steps.record(execution, "docker exec mariadb mysql -e 'SELECT COUNT(*) FROM …' (" + backup.tableRows().size() + " tables)", "mariadb[0]",
                mismatch ? "row counts differ" : "row counts equal", check);
    }
}
