package io.dayshift.runbook.restore;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
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

    /** The database artefact of the backup for the site's flavour (Kolla: the full mariabackup; charmed: the mysqldump). */
    Artefact database(Site site, String backupId) {
        return artefact(backupId, RestoreScope.databaseKind(site.flavour() == Flavour.KOLLA));
    }

    Artefact artefact(String backupId, ArtefactKind kind) {
        return catalogue.find(backupId).flatMap(b -> b.artefact(kind))
                .orElseThrow(() -> new IllegalStateException("backup " + backupId + " has no " + kind + " artefact in the catalogue any more"));
    }
}
