package io.dayshift.runbook.restore;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupCatalogue.Link;
import io.dayshift.backup.BackupSet;
import io.dayshift.shell.Arg;
import io.dayshift.shell.ShellQuoting;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks of {@code Task_ValidateInput}, before anything is touched: the site exists; the scope is one of
 * {@code database}, {@code config}, {@code full}; the backup is in the catalogue for that site and finished; it holds the
 * artefacts the scope needs for the site's flavour, each verified, with plain host names and paths; for the databases
 * that is its {@link RestorePoint} (Kolla: the full backup and the incrementals up to the set's, every one of them), whose
 * newest artefact has the row counts a restore is checked against.
 */
final class RestoreInputCheck {

    /** What the restore will use, or what is wrong. */
    record Result(List<String> problems, Optional<Site> site, Optional<RestoreScope> scope, Optional<BackupSet> backup,
                  Optional<RestorePoint> database, Optional<Artefact> config) {

        boolean accepted() {
            return problems.isEmpty();
        }

        /** The artefact whose age counts against the RPO: the newest of the database's chain, else the configuration's. */
        Artefact dated() {
            return database.map(RestorePoint::newest).or(() -> config).orElseThrow();
        }
    }

    /** Where Kolla's mariadb_backup writes on its node, and so where its restore container reads. */
    static final String MARIADB_VOLUME = "/var/lib/docker/volumes/mariadb_backup/_data";

    private final Sites sites;
    private final BackupCatalogue catalogue;

    RestoreInputCheck(Sites sites, BackupCatalogue catalogue) {
        this.sites = sites;
        this.catalogue = catalogue;
    }

    Result check(String siteName, String backupId, String scopeWord) {
        List<String> problems = new ArrayList<>();
        Optional<Site> site = sites.find(siteName == null ? "" : siteName.strip());
        if (site.isEmpty()) {
            problems.add("site: " + ShellQuoting.printable(siteName) + " is not a configured site (dayshift.sites)");
        }
        Optional<RestoreScope> scope = RestoreScope.parse(scopeWord);
        if (scope.isEmpty()) {
            problems.add("scope " + ShellQuoting.printable(scopeWord) + " is not one of database, config, full");
        }
        Optional<BackupSet> backup = backupId == null || backupId.isBlank() ? Optional.empty() : catalogue.find(backupId.strip());
        if (backup.isEmpty()) {
            problems.add("backupId: backup " + ShellQuoting.printable(backupId) + " is not in the backup catalogue (the id of a backup-site run's set, such as lab-20261121T013000Z)");
        } else if (site.isPresent() && !backup.get().site().equals(site.get().name())) {
            problems.add("backupId: backup " + backupId + " is of site " + backup.get().site() + ", not of " + site.get().name());
            backup = Optional.empty();
        } else if (backup.get().finishedAt() == null) {
            problems.add("backupId: backup " + backupId + " has not finished (its run " + backup.get().processInstanceId() + " is still backing up)");
            backup = Optional.empty();
        }
        Optional<RestorePoint> database = Optional.empty();
        Optional<Artefact> config = Optional.empty();
        if (site.isPresent() && scope.isPresent() && backup.isPresent()) {
            boolean kolla = site.get().flavour() == Flavour.KOLLA;
            if (scope.get().database()) {
                database = database(backup.get(), kolla, problems);
            }
            if (scope.get().config()) {
                config = artefact(backup.get(), kolla ? ArtefactKind.KOLLA_CONFIG : ArtefactKind.JUJU_CONTROLLER, problems);
            }
        }
        return new Result(List.copyOf(problems), site, scope, backup, database, config);
    }

    /** The backup's restore point, each artefact of its chain checked; the newest one records row counts. */
    private Optional<RestorePoint> database(BackupSet backup, boolean kolla, List<String> problems) {
        RestorePoint point = RestorePoint.of(catalogue, backup, kolla);
        problems.addAll(point.problems());
        if (point.chain().isEmpty()) {
            if (point.problems().isEmpty()) {
                ArtefactKind kind = RestoreScope.databaseKind(kolla);
                problems.add("backup " + backup.id() + " holds no " + kind + " artefact" + failure(backup, kind));
            }
            return Optional.empty();
        }
        for (Link link : point.chain()) {
            Artefact a = link.artefact();
            check(link.setId(), a, problems);
            if (kolla && !a.path().startsWith(MARIADB_VOLUME + "/")) {
                problems.add("the " + a.kind() + " artefact of backup " + link.setId() + " is not in the mariadb_backup volume (" + MARIADB_VOLUME
                        + "), where a restore reads it: " + a.path());
            }
            if (!a.host().equals(point.chain().get(0).artefact().host())) {
                problems.add("the " + a.kind() + " artefact of backup " + link.setId() + " lies on " + a.host() + ", not with the full backup on "
                        + point.chain().get(0).artefact().host());
            }
        }
        if (point.newest().tableRows().isEmpty()) {
            problems.add("the " + point.newest().kind() + " artefact of backup " + point.chain().get(point.chain().size() - 1).setId()
                    + " records no table row counts to check the restore against");
        }
        return Optional.of(point);
    }

    private static Optional<Artefact> artefact(BackupSet backup, ArtefactKind kind, List<String> problems) {
        Optional<Artefact> found = backup.artefact(kind);
        if (found.isEmpty()) {
            problems.add("backup " + backup.id() + " holds no " + kind + " artefact" + failure(backup, kind));
            return Optional.empty();
        }
        check(backup.id(), found.get(), problems);
        return found;
    }

    /** Verified, and with a host and path Dayshift accepts. */
    private static void check(String setId, Artefact a, List<String> problems) {
        if (!a.verified()) {
            problems.add("the " + a.kind() + " artefact of backup " + setId + " (" + a.host() + ":" + a.path() + ") was never verified");
        }
        if (!Arg.HOSTNAME.accepts(a.host()) || !Arg.PATH.accepts(a.path()) || !Arg.FILE_NAME.accepts(fileName(a.path()))) {
            problems.add("the " + a.kind() + " artefact of backup " + setId + " names a host or path Dayshift refuses: " + a.host() + ":" + a.path());
        }
    }

    private static String failure(BackupSet backup, ArtefactKind kind) {
        return backup.failures().stream().filter(f -> f.startsWith(kind.name() + ":")).findFirst().map(f -> " (" + f + ")").orElse("");
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static long ageHours(Artefact artefact, Instant now) {
        return Math.max(0, Duration.between(artefact.takenAt(), now).toHours());
    }
}
