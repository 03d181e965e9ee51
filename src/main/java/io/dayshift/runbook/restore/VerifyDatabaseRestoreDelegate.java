package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Variables.BACKUP_ID;
import static io.dayshift.runbook.restore.DrRestore.Variables.EVIDENCE;
import static io.dayshift.runbook.restore.DrRestore.Variables.ROWS_MISMATCH;
import static io.dayshift.runbook.restore.DrRestore.Variables.ROW_CHECK;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.BackupHosts;
import io.dayshift.site.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import io.dayshift.engine.RunLog;

/**
 * {@code Task_VerifyDatabaseRestore}, reading only {@code site} and {@code backupId}: the key tables' rows counted now as
 * backup-site counted them when it took the newest backup of the restored chain (the same {@code mysql} query, on the site's
 * database host group), and compared with that record; {@code rowsMismatch} when any differs. A site without a database host group (charmed, unless
 * configured) cannot be counted: recorded as not compared, and handed over.
 */
@Component("verifyDatabaseRestore")
class VerifyDatabaseRestoreDelegate implements JavaDelegate {

    private final RestoreTargets targets;
    private final BackupHosts hosts;

    VerifyDatabaseRestoreDelegate(RestoreTargets targets, BackupHosts hosts) {
        this.targets = targets;
        this.hosts = hosts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (!DrRestore.databaseInScope(execution)) {
            return;
        }
        Site site = targets.site(SITE.get(execution));
        Artefact backup = targets.database(site, BACKUP_ID.get(execution)).newest();
        Optional<String> group = site.databaseHostGroup();
        if (group.isEmpty()) {
            String note = "row counts not compared: site " + site.name() + " names no database host group (dayshift.sites." + site.name()
                    + ".backup.database-host-group); count " + String.join(", ", backup.tableRows().keySet()) + " by hand against " + backup.tableRows();
            ROWS_MISMATCH.set(execution, false);
            ROW_CHECK.set(execution, note);
            DrRestore.handOver(execution, note);
            RunLog.record(execution, "none", site.name(), "not compared", null, note);
            return;
        }
        Map<String, Long> now = hosts.countRows(site, group.get());
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
        RunLog.record(execution, "mysql -e 'SELECT …, COUNT(*) FROM … UNION ALL …' (" + backup.tableRows().size() + " tables)", group.get(),
                mismatch ? "row counts differ" : "row counts equal", null, check);
    }
}
