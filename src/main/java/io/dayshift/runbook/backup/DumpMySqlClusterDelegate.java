package io.dayshift.runbook.backup;

import static io.dayshift.runbook.backup.BackupSiteVariables.BACKUP_ID;
import static io.dayshift.runbook.backup.BackupSiteVariables.SITE;

import io.dayshift.backup.BackupException;
import io.dayshift.backup.BackupHosts;
import io.dayshift.backup.FileFacts;
import io.dayshift.charm.ActionResult;
import io.dayshift.charm.CharmModel;
import io.dayshift.charm.Unit;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_DumpMySqlCluster} (charmed): the key tables' row counts, the {@code mysqldump} action on the cluster's leader,
 * and the dump copied off the unit onto the Juju host ({@code juju scp}); nothing again if the copy is there.
 */
@Component("dumpMySqlCluster")
class DumpMySqlClusterDelegate implements JavaDelegate {

    private final Sites sites;
    private final CharmModel juju;
    private final BackupHosts hosts;
    private final PartRecords records;

    DumpMySqlClusterDelegate(Sites sites, CharmModel juju, BackupHosts hosts, PartRecords records) {
        this.sites = sites;
        this.juju = juju;
        this.hosts = hosts;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String target = BackupPlanner.target(site, BACKUP_ID.get(execution), "mysqldump.gz");
        TableRows rows = site.databaseHostGroup().map(g -> new TableRows(hosts.countRows(site, g))).orElse(TableRows.none());
        Optional<FileFacts> there = hosts.facts(site, site.juju().hostGroup(), target);
        String action = "juju scp " + target;
        if (there.isEmpty()) {
            String application = site.backup().mysqlApplication();
            String leader = juju.status(site).application(application).stream().flatMap(a -> a.units().values().stream())
                    .filter(Unit::leader).map(Unit::name).findFirst().orElseThrow(() -> new BackupException("site " + site.name() + ": application " + application + " has no leader unit"));
            ActionResult dump = juju.runAction(site, leader, "mysqldump", Map.of());
            String file = Optional.ofNullable(dump.results().get("mysqldump-file")).orElseThrow(() -> new BackupException("site " + site.name()
                    + ": the mysqldump action on " + leader + " named no mysqldump-file"));
            hosts.copyFromUnit(site, leader, file, target);
            action = "juju run " + leader + " mysqldump; juju scp " + leader + ":" + file + " " + target;
        }
        records.taken(execution, there.or(() -> hosts.facts(site, site.juju().hostGroup(), target)).orElseThrow(), rows, action, there.isEmpty());
    }
}
