package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;
import static io.dayshift.runbook.backup.BackupSite.Variables.MYSQL_DUMP;
import static io.dayshift.runbook.backup.BackupSite.Variables.TABLE_ROWS;

import io.dayshift.backup.BackupHosts;
import io.dayshift.backup.FileFacts;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CopyMySqlDump} (charmed): {@code juju scp} of the dump off the leader onto the Juju host; not again if there. */
@Component("copyMySqlDump")
class CopyMySqlDumpDelegate implements JavaDelegate {

    static final String FILE = "mysqldump.gz";

    private final Sites sites;
    private final BackupHosts hosts;
    private final PartRecords records;

    CopyMySqlDumpDelegate(Sites sites, BackupHosts hosts, PartRecords records) {
        this.sites = sites;
        this.hosts = hosts;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String group = site.juju().hostGroup();
        String target = BackupPlanner.target(site, BACKUP_ID.get(execution), FILE);
        Optional<FileFacts> there = hosts.facts(site, group, target);
        String action = "juju scp " + target;
        if (there.isEmpty()) {
            UnitFile dump = MYSQL_DUMP.get(execution);
            hosts.copyFromUnit(site, dump.unit(), dump.path(), target);
            action = "juju scp " + dump.unit() + ":" + dump.path() + " " + target;
        }
        records.taken(execution, there.or(() -> hosts.facts(site, group, target)).orElseThrow(), TABLE_ROWS.get(execution), action, there.isEmpty());
    }
}
