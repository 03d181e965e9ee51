package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupHosts;
import io.dayshift.backup.FileFacts;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_DumpMaasDatabase}: {@code pg_dump -Fc} of the MAAS database on the region host, mode 600; not again if there. */
@Component("dumpMaasDatabase")
class DumpMaasDatabaseDelegate implements JavaDelegate {

    private final Sites sites;
    private final BackupHosts hosts;
    private final PartRecords records;

    DumpMaasDatabaseDelegate(Sites sites, BackupHosts hosts, PartRecords records) {
        this.sites = sites;
        this.hosts = hosts;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String group = BackupPlanner.requireHostGroup(site, ArtefactKind.MAAS_DATABASE);
        String target = BackupPlanner.target(site, BACKUP_ID.get(execution), "maasdb.dump");
        Optional<FileFacts> there = hosts.facts(site, group, target);
        if (there.isEmpty()) {
            hosts.dumpPostgres(site, group, target, site.backup().maasDatabase(), site.backup().maasDatabaseUser());
        }
        records.taken(execution, there.or(() -> hosts.facts(site, group, target)).orElseThrow(), TableRows.none(),
                "pg_dump -Fc -d " + site.backup().maasDatabase() + " -f " + target, there.isEmpty());
    }
}
