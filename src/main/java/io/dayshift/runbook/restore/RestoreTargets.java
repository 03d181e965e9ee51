package io.dayshift.runbook.restore;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupSet;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.springframework.stereotype.Component;

/** The site and the artefacts of the backup a step restores, read again at each step from {@code site} and {@code backupId}. */
@Component
class RestoreTargets {

    private final Sites sites;
    private final BackupCatalogue catalogue;

    RestoreTargets(Sites sites, BackupCatalogue catalogue) {
        this.sites = sites;
        this.catalogue = catalogue;
    }

    Site site(String name) {
        return sites.require(name);
    }

    /**
     * What restoring the backup's databases puts back on the site ({@link RestorePoint}: Kolla, the full mariabackup and the
     * incrementals up to the backup's; charmed, the mysqldump). A chain the catalogue no longer holds whole is a technical
     * failure: the input check saw it whole.
     */
    RestorePoint database(Site site, String backupId) {
        BackupSet backup = catalogue.find(backupId).orElseThrow(() -> new IllegalStateException("backup " + backupId + " is not in the catalogue any more"));
        RestorePoint point = RestorePoint.of(catalogue, backup, site.flavour() == Flavour.KOLLA);
        if (point.chain().isEmpty() || !point.problems().isEmpty()) {
            throw new IllegalStateException("backup " + backupId + " cannot be restored any more: " + (point.problems().isEmpty()
                    ? "it has no " + RestoreScope.databaseKind(site.flavour() == Flavour.KOLLA) + " artefact in the catalogue" : String.join("; ", point.problems())));
        }
        return point;
    }

    Artefact artefact(String backupId, ArtefactKind kind) {
        return catalogue.find(backupId).flatMap(b -> b.artefact(kind))
                .orElseThrow(() -> new IllegalStateException("backup " + backupId + " has no " + kind + " artefact in the catalogue any more"));
    }
}
