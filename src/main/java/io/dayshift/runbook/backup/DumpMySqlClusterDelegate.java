package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;
import static io.dayshift.runbook.backup.BackupSite.Variables.MYSQL_DUMP;
import static io.dayshift.runbook.backup.BackupSite.Variables.TABLE_ROWS;

import io.dayshift.backup.BackupException;
import io.dayshift.backup.BackupHosts;
import io.dayshift.charm.ActionResult;
import io.dayshift.charm.Application;
import io.dayshift.charm.CharmModel;
import io.dayshift.charm.Unit;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_DumpMySqlCluster} (charmed): the key tables' row counts, then the {@code mysqldump} action on the cluster's leader,
 * which leaves the dump on the leader's machine; nothing is dumped again when an earlier try already copied it off.
 */
@Component("dumpMySqlCluster")
class DumpMySqlClusterDelegate implements JavaDelegate {

    private final Sites sites;
    private final CharmModel juju;
    private final BackupHosts hosts;

    DumpMySqlClusterDelegate(Sites sites, CharmModel juju, BackupHosts hosts) {
        this.sites = sites;
        this.juju = juju;
        this.hosts = hosts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        TABLE_ROWS.set(execution.getProcessInstance(), site.databaseHostGroup().map(g -> new TableRows(hosts.countRows(site, g))).orElse(TableRows.none()));
        String target = BackupPlanner.target(site, BACKUP_ID.get(execution), CopyMySqlDumpDelegate.FILE);
        if (hosts.facts(site, site.juju().hostGroup(), target).isPresent()) {
            return; // copied off by an earlier try: Task_CopyMySqlDump finds it
        }
        String application = site.backup().mysqlApplication();
        String leader = juju.status(site).application(application).flatMap(Application::leader).map(Unit::name)
                .orElseThrow(() -> new BackupException("site " + site.name() + ": application " + application + " has no leader unit"));
        ActionResult dump = juju.runAction(site, leader, "mysqldump", Map.of());
        String file = Optional.ofNullable(dump.results().get("mysqldump-file")).orElseThrow(() -> new BackupException("site " + site.name()
                + ": the mysqldump action on " + leader + " named no mysqldump-file"));
        MYSQL_DUMP.set(execution.getProcessInstance(), new UnitFile(leader, file));
        RunLog.record(execution, "juju run " + leader + " mysqldump", leader, "dump at " + file + " (task " + dump.id() + ")",
                dump.returnCode(), "row counts " + TABLE_ROWS.get(execution).rows());
    }
}
