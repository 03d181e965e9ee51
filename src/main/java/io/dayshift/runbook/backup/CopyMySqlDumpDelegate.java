package io.dayshift.runbook.backup;

import static io.dayshift.runbook.backup.BackupSite.Variables.MYSQL_DUMP;
import static io.dayshift.runbook.backup.BackupSite.Variables.TABLE_ROWS;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupHosts;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** {@code Task_CopyMySqlDump} (charmed): {@code juju scp} of the dump off the leader onto the Juju host; not again if there. */
@Component("copyMySqlDump")
class CopyMySqlDumpDelegate extends HostFileStep {

    static final String FILE = "mysqldump.gz";

    CopyMySqlDumpDelegate(Sites sites, BackupHosts hosts, PartRecords records) {
        super(sites, hosts, records, ArtefactKind.MYSQL_DUMP, FILE, (execution, site, group, target) -> {
            UnitFile dump = MYSQL_DUMP.get(execution);
            hosts.copyFromUnit(site, dump.unit(), dump.path(), target);
        }, (site, target) -> "juju scp " + target);
    }

    /** When it copied the dump now, the run log names the unit and path it came from. */
    @Override
    String action(DelegateExecution execution, Site site, String target, boolean made) {
        if (!made) {
            return super.action(execution, site, target, made);
        }
        UnitFile dump = MYSQL_DUMP.get(execution);
        return "juju scp " + dump.unit() + ":" + dump.path() + " " + target;
    }

    @Override
    TableRows rows(DelegateExecution execution) {
        return TABLE_ROWS.get(execution);
    }
}
