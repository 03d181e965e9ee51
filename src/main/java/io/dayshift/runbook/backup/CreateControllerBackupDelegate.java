package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;

import io.dayshift.backup.BackupHosts;
import io.dayshift.backup.FileFacts;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CreateControllerBackup} (charmed): {@code juju create-backup} downloaded onto the Juju host; not again if there. */
@Component("createControllerBackup")
class CreateControllerBackupDelegate implements JavaDelegate {

    private final Sites sites;
    private final BackupHosts hosts;
    private final PartRecords records;

    CreateControllerBackupDelegate(Sites sites, BackupHosts hosts, PartRecords records) {
        this.sites = sites;
        this.hosts = hosts;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String group = site.juju().hostGroup();
        String target = BackupPlanner.target(site, BACKUP_ID.get(execution), "juju-controller.tar.gz");
        Optional<FileFacts> there = hosts.facts(site, group, target);
        if (there.isEmpty()) {
            hosts.createControllerBackup(site, target);
        }
        records.taken(execution, there.or(() -> hosts.facts(site, group, target)).orElseThrow(), TableRows.none(),
                "juju create-backup -m controller --filename " + target, there.isEmpty());
    }
}
