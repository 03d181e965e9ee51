package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;

import io.dayshift.backup.BackupHosts;
import io.dayshift.backup.FileFacts;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ArchiveKollaConfig} (Kolla): the config directory as a tar archive on the deployer, mode 600; not again if there. */
@Component("archiveKollaConfig")
class ArchiveKollaConfigDelegate implements JavaDelegate {

    private final Sites sites;
    private final BackupHosts hosts;
    private final PartRecords records;

    ArchiveKollaConfigDelegate(Sites sites, BackupHosts hosts, PartRecords records) {
        this.sites = sites;
        this.hosts = hosts;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String group = site.kolla().hostGroup();
        String target = BackupPlanner.target(site, BACKUP_ID.get(execution), "kolla-config.tar.gz");
        Optional<FileFacts> there = hosts.facts(site, group, target);
        if (there.isEmpty()) {
            hosts.archive(site, group, target, List.of(site.kolla().configDir().toString()));
        }
        records.taken(execution, there.or(() -> hosts.facts(site, group, target)).orElseThrow(), TableRows.none(),
                "tar -czf " + target + " " + site.kolla().configDir(), there.isEmpty());
    }
}
