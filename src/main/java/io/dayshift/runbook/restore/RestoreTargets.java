package io.dayshift.runbook.restore;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupHosts;
import io.dayshift.backup.BackupSet;
import io.dayshift.backup.FileFacts;
import io.dayshift.backup.OffHostCopy;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import io.dayshift.engine.RunLog;

/**
 * The site and the artefacts of the backup a step restores, read again at each step from {@code site} and {@code backupId},
 * and where each is read from: the file on the host the restore reads it on (the first host of its kind's group), or, when it
 * is gone there (the host was rebuilt or replaced, the disk lost), its verified copy on the site's off-host store, put back
 * at the same path first.
 */
@Component
class RestoreTargets {

    /**
     * Where an artefact is read from.
     *
     * @param onHost true when the file is on the host the restore reads it on
     * @param copy   the verified off-host copy that is put back when it is not; empty when there is none
     */
    record Source(Artefact artefact, String host, boolean onHost, Optional<OffHostCopy> copy) {

        boolean available() {
            return onHost || copy.isPresent();
        }

        /** One line for the plan. */
        String describe() {
            String there = artefact.kind() + " " + host + ":" + artefact.path();
            return onHost ? "- reads " + there + " (the original, on its host)"
                    : copy.map(c -> "- reads the OFF-HOST COPY " + c.host() + ":" + c.path() + " (verified " + c.copiedAt() + "): the original "
                    + there + " is gone, so the copy is first put back there with scp").orElse("- " + there + " is gone and has no verified off-host copy");
        }
    }

    private final Sites sites;
    private final BackupCatalogue catalogue;
    private final BackupHosts hosts;

    RestoreTargets(Sites sites, BackupCatalogue catalogue, BackupHosts hosts) {
        this.sites = sites;
        this.catalogue = catalogue;
        this.hosts = hosts;
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

    /** Looks on the host the restore reads the artefact on; a host that cannot be reached is a technical failure (retries, incident). */
    Source source(Site site, String backupId, Artefact artefact) {
        String group = group(site, artefact);
        boolean onHost = hosts.facts(site, group, artefact.path()).isPresent();
        Optional<OffHostCopy> copy = onHost || site.backup().offHost() == null ? Optional.empty()
                : catalogue.copy(backupId, artefact.kind()).filter(OffHostCopy::verified);
        return new Source(artefact, site.firstHostOf(group).host(), onHost, copy);
    }

    /**
     * The artefact, on the host the restore reads it on: when the file is gone there, its verified off-host copy is put back at its
     * path first and its checksum checked (recorded as a step). Safe to repeat: a retry finds the file back in place.
     */
    Artefact onItsHost(DelegateExecution execution, Site site, String backupId, Artefact artefact) {
        Source source = source(site, backupId, artefact);
        if (source.onHost()) {
            return artefact;
        }
        OffHostCopy copy = source.copy().orElseThrow(() -> new IllegalStateException("site " + site.name() + ": the " + artefact.kind() + " artefact of backup "
                + backupId + " is gone from " + source.host() + ":" + artefact.path() + " and has no verified off-host copy"));
        String group = group(site, artefact);
        hosts.copyFromStore(site, copy.path(), group, artefact.path());
        FileFacts back = hosts.facts(site, group, artefact.path()).orElseThrow(() -> new IllegalStateException("site " + site.name() + ": "
                + artefact.path() + " is not on " + source.host() + " after the copy back from " + copy.host() + ":" + copy.path()));
        if (!back.sha256().equals(artefact.sha256())) {
            throw new IllegalStateException("site " + site.name() + ": the copy put back at " + source.host() + ":" + artefact.path() + " has checksum "
                    + back.sha256() + ", not the backup's " + artefact.sha256());
        }
        RunLog.record(execution, "scp " + copy.host() + ":" + copy.path() + " " + artefact.path() + " (on " + source.host() + ")",
                source.host() + ":" + artefact.path(), "put back from the off-host copy, sha256 " + back.sha256(), null, "");
        return artefact;
    }

    private static String group(Site site, Artefact artefact) {
        return artefact.kind().hostGroup(site).orElseThrow(() -> new IllegalStateException("site " + site.name() + " has no host group for "
                + artefact.kind()));
    }
}
