package io.dayshift.runbook.backup;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupHosts;
import io.dayshift.site.Sites;
import org.springframework.stereotype.Component;

/** {@code Task_ExportCephConfig}: minimal ceph.conf and every auth key on a monitor host, one archive, mode 600; not again if there. */
@Component("exportCephConfig")
class ExportCephConfigDelegate extends HostFileStep {

    ExportCephConfigDelegate(Sites sites, BackupHosts hosts, PartRecords records) {
        super(sites, hosts, records, ArtefactKind.CEPH_CONFIG, "ceph-config.tar.gz",
                (execution, site, group, target) -> hosts.exportCeph(site, group, target),
                (site, target) -> "ceph config generate-minimal-conf; ceph auth export; tar -czf " + target);
    }
}
