package io.dayshift.runbook.backup;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupHosts;
import io.dayshift.site.Sites;
import org.springframework.stereotype.Component;

/** {@code Task_DumpMaasDatabase}: {@code pg_dump -Fc} of the MAAS database on the region host, mode 600; not again if there. */
@Component("dumpMaasDatabase")
class DumpMaasDatabaseDelegate extends HostFileStep {

    DumpMaasDatabaseDelegate(Sites sites, BackupHosts hosts, PartRecords records) {
        super(sites, hosts, records, ArtefactKind.MAAS_DATABASE, "maasdb.dump",
                (execution, site, group, target) -> hosts.dumpPostgres(site, group, target, site.backup().maasDatabase(), site.backup().maasDatabaseUser()),
                (site, target) -> "pg_dump -Fc -d " + site.backup().maasDatabase() + " -f " + target);
    }
}
