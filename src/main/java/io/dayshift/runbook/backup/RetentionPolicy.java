package io.dayshift.runbook.backup;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupSet;
import io.dayshift.backup.OffHostCopy;
import io.dayshift.backup.RetentionClass;
import io.dayshift.site.Site;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which artefacts of a site have outlived their retention: older than the retention of their class, except the newest
 * verified artefact of each kind (a site whose backups fail keeps its last good one however old) and, for Kolla, the
 * incrementals taken after the kept full one (they are useless without it, and it without them is older). The copies on the
 * off-host store follow the same rules among themselves.
 */
final class RetentionPolicy {

    /** One artefact to prune, with the set it belongs to. */
    record Expired(String setId, Artefact artefact) {
    }

    private RetentionPolicy() {
    }

    static List<Expired> expired(List<BackupSet> sets, Site.Backup settings, Instant now) {
        List<Expired> all = new ArrayList<>();
        sets.forEach(set -> set.artefacts().forEach(a -> all.add(new Expired(set.id(), a))));
        return expiredOf(all, settings, now);
    }

    /** The same rules for the copies on the off-host store, each kept or pruned as an artefact of its own. */
    static List<Expired> expiredCopies(List<OffHostCopy> copies, Site.Backup settings, Instant now) {
        return expiredOf(copies.stream().map(c -> new Expired(c.setId(), c.asArtefact())).toList(), settings, now);
    }

    private static List<Expired> expiredOf(List<Expired> candidates, Site.Backup settings, Instant now) {
        List<Expired> all = new ArrayList<>(candidates);
        all.sort(Comparator.comparing((Expired e) -> e.artefact().takenAt()).reversed());
        Optional<Instant> keptFull = newestVerified(all, ArtefactKind.MARIADB_FULL).map(e -> e.artefact().takenAt());
        List<Expired> expired = new ArrayList<>();
        for (Expired e : all) {
            Artefact a = e.artefact();
            Duration retention = a.kind().retentionClass() == RetentionClass.DATABASE ? settings.databaseRetention() : settings.configRetention();
            boolean old = a.takenAt().isBefore(now.minus(retention));
            boolean newestGood = newestVerified(all, a.kind()).map(n -> n == e).orElse(false);
            boolean needed = a.kind() == ArtefactKind.MARIADB_INCREMENTAL && keptFull.map(f -> !a.takenAt().isBefore(f)).orElse(false);
            if (old && !newestGood && !needed) {
                expired.add(e);
            }
        }
        return expired;
    }

    private static Optional<Expired> newestVerified(List<Expired> newestFirst, ArtefactKind kind) {
        return newestFirst.stream().filter(e -> e.artefact().kind() == kind && e.artefact().verified()).findFirst();
    }
}
