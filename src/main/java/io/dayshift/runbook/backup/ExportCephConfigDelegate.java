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

/** {@code Task_ExportCephConfig}: minimal ceph.conf and every auth key on a monitor host, one archive, mode 600; not again if there. */
@Component("exportCephConfig")
class ExportCephConfigDelegate implements JavaDelegate {

    private final Sites sites;
    private final BackupHosts hosts;
    private final PartRecords records;

    ExportCephConfigDelegate(Sites sites, BackupHosts hosts, PartRecords records) {
        this.sites = sites;
        this.hosts = hosts;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String group = BackupPlanner.requireHostGroup(site, ArtefactKind.CEPH_CONFIG);
        String target = BackupPlanner.target(site, BACKUP_ID.get(execution), "ceph-config.tar.gz");
        Optional<FileFacts> there = hosts.facts(site, group, target);
        if (there.isEmpty()) {
            hosts.exportCeph(site, group, target);
        }
        records.taken(execution, there.or(() -> hosts.facts(site, group, target)).orElseThrow(), TableRows.none(),
                "ceph config generate-minimal-conf; ceph auth export; tar -czf " + target, there.isEmpty());
    }
}
