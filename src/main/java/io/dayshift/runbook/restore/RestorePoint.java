package io.dayshift.runbook.restore;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupCatalogue.Link;
import io.dayshift.backup.BackupSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a database restore of a backup set puts back, in the order it applies it. Charmed: the set's dump. Kolla: a full
 * MariaDB backup, or, for a set whose backup is incremental (the nightly case), the chain it belongs to: the full backup it
 * builds on, then every incremental built on that full up to the set's own, oldest first (each builds on the one before).
 * The newest artefact of the chain is the state restored: its age counts against the RPO and its row counts are what the
 * restored database must hold.
 *
 * @param chain    the artefacts with their sets, in restore order; empty when the set has no database artefact
 * @param problems why the chain cannot be restored (a link missing from the catalogue or pruned from its host)
 */
record RestorePoint(List<Link> chain, List<String> problems) {

    RestorePoint {
        chain = List.copyOf(chain);
        problems = List.copyOf(problems);
    }

    /** The restore point of {@code backup}'s databases on a site of the flavour. */
    static RestorePoint of(BackupCatalogue catalogue, BackupSet backup, boolean kolla) {
        Optional<Artefact> incremental = backup.artefact(ArtefactKind.MARIADB_INCREMENTAL);
        if (!kolla || backup.artefact(ArtefactKind.MARIADB_FULL).isPresent() || incremental.isEmpty()) {
            ArtefactKind kind = RestoreScope.databaseKind(kolla);
            return new RestorePoint(backup.artefact(kind).map(a -> List.of(new Link(backup.id(), a, false))).orElse(List.of()), List.of());
        }
        String base = incremental.get().builtOn();
        if (base == null) {
            return new RestorePoint(List.of(), List.of("the MARIADB_INCREMENTAL artefact of backup " + backup.id()
                    + " does not record the full backup it builds on (it was taken before Dayshift recorded that); restore its full backup's set"));
        }
        List<String> problems = new ArrayList<>();
        List<Link> chain = new ArrayList<>();
        catalogue.find(base).flatMap(s -> s.artefact(ArtefactKind.MARIADB_FULL)).ifPresentOrElse(full -> chain.add(new Link(base, full, false)),
                () -> problems.add("the full backup the incremental of backup " + backup.id() + " builds on (backup " + base
                        + ") is no longer in the catalogue or was pruned from its host"));
        for (Link link : catalogue.incrementalsOn(base, incremental.get().takenAt())) {
            if (link.pruned()) {
                problems.add("the incremental of backup " + link.setId() + " between the full backup " + base + " and backup " + backup.id()
                        + " was pruned from its host: the chain is broken");
            }
            chain.add(link);
        }
        if (chain.isEmpty() || !chain.get(chain.size() - 1).setId().equals(backup.id())) {
            problems.add("the incremental of backup " + backup.id() + " is not the last of the chain built on backup " + base);
        }
        return new RestorePoint(chain, problems);
    }

    /** The state the restore brings back: the chain's last artefact. */
    Artefact newest() {
        return chain.get(chain.size() - 1).artefact();
    }

    /** The artefacts' file names, in restore order. */
    List<String> files() {
        return chain.stream().map(l -> RestoreInputCheck.fileName(l.artefact().path())).toList();
    }
}
