package io.dayshift.runbook.backup;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupHosts;
import io.dayshift.site.Sites;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code Task_ArchiveKollaConfig} (Kolla): the config directory as a tar archive on the deployer, mode 600; not again if there. */
@Component("archiveKollaConfig")
class ArchiveKollaConfigDelegate extends HostFileStep {

    ArchiveKollaConfigDelegate(Sites sites, BackupHosts hosts, PartRecords records) {
        super(sites, hosts, records, ArtefactKind.KOLLA_CONFIG, "kolla-config.tar.gz",
                (execution, site, group, target) -> hosts.archive(site, group, target, List.of(site.kolla().configDir().toString())),
                (site, target) -> "tar -czf " + target + " " + site.kolla().configDir());
    }
}
