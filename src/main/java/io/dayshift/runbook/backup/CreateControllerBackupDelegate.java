package io.dayshift.runbook.backup;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupHosts;
import io.dayshift.site.Sites;
import org.springframework.stereotype.Component;

/** {@code Task_CreateControllerBackup} (charmed): {@code juju create-backup} downloaded onto the Juju host; not again if there. */
@Component("createControllerBackup")
class CreateControllerBackupDelegate extends HostFileStep {

    CreateControllerBackupDelegate(Sites sites, BackupHosts hosts, PartRecords records) {
        super(sites, hosts, records, ArtefactKind.JUJU_CONTROLLER, "juju-controller.tar.gz",
                (execution, site, group, target) -> hosts.createControllerBackup(site, target),
                (site, target) -> "juju create-backup -m controller --filename " + target);
    }
}
