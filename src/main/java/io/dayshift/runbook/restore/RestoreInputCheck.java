package io.dayshift.runbook.restore;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupSet;
import io.dayshift.shell.Arg;
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
 * artefacts the scope needs for the site's flavour, each verified, with plain host names and paths; a database artefact
 * has the row counts a restore is checked against.
 */
final class RestoreInputCheck {

    /** What the restore will use, or what is wrong. */
    record Result(List<String> problems, Optional<Site> site, Optional<RestoreScope> scope, Optional<BackupSet> backup,
                  Optional<Artefact> database, Optional<Artefact> config) {

        boolean accepted() {
            return problems.isEmpty();
        }

        /** The artefact whose age counts against the RPO: the database's, else the configuration's. */
        Artefact dated() {
            return database.or(() -> config).orElseThrow();
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
            problems.add("site \"" + siteName + "\" is not configured (dayshift.sites)");
        }
        Optional<RestoreScope> scope = RestoreScope.parse(scopeWord);
        if (scope.isEmpty()) {
            problems.add("scope \"" + scopeWord + "\" is not one of database, config, full");
        }
        Optional<BackupSet> backup = backupId == null || backupId.isBlank() ? Optional.empty() : catalogue.find(backupId.strip());
        if (backup.isEmpty()) {
            problems.add("backup \"" + backupId + "\" is not in the backup catalogue");
        } else if (site.isPresent() && !backup.get().site().equals(site.get().name())) {
            problems.add("backup " + backupId + " is of site " + backup.get().site() + ", not of " + site.get().name());
            backup = Optional.empty();
        } else if (backup.get().finishedAt() == null) {
            problems.add("backup " + backupId + " has not finished (its run " + backup.get().processInstanceId() + " is still backing up)");
            backup = Optional.empty();
        }
        Optional<Artefact> database = Optional.empty();
        Optional<Artefact> config = Optional.empty();
        if (site.isPresent() && scope.isPresent() && backup.isPresent()) {
            boolean kolla = site.get().flavour() == Flavour.KOLLA;
            if (scope.get().database()) {
                database = artefact(backup.get(), RestoreScope.databaseKind(kolla), problems);
                database.filter(a -> kolla && !a.path().startsWith(MARIADB_VOLUME + "/")).ifPresent(a -> problems.add("the MARIADB_FULL artefact of backup "
                        + backupId + " is not in the mariadb_backup volume (" + MARIADB_VOLUME + "), where a restore reads it: " + a.path()));
                database.filter(a -> a.tableRows().isEmpty()).ifPresent(a -> problems.add("the " + a.kind() + " artefact of backup " + backupId
                        + " records no table row counts to check the restore against"));
            }
            if (scope.get().config()) {
                config = artefact(backup.get(), kolla ? ArtefactKind.KOLLA_CONFIG : ArtefactKind.JUJU_CONTROLLER, problems);
            }
        }
        return new Result(List.copyOf(problems), site, scope, backup, database, config);
    }

    private static Optional<Artefact> artefact(BackupSet backup, ArtefactKind kind, List<String> problems) {
        Optional<Artefact> found = backup.artefact(kind);
        if (found.isEmpty()) {
            problems.add("backup " + backup.id() + " holds no " + kind + " artefact" + failure(backup, kind));
            return Optional.empty();
        }
        Artefact a = found.get();
        if (!a.verified()) {
            problems.add("the " + kind + " artefact of backup " + backup.id() + " (" + a.host() + ":" + a.path() + ") was never verified");
        }
        if (!Arg.HOSTNAME.accepts(a.host()) || !Arg.PATH.accepts(a.path()) || !Arg.FILE_NAME.accepts(fileName(a.path()))) {
            problems.add("the " + kind + " artefact of backup " + backup.id() + " names a host or path Dayshift refuses: " + a.host() + ":" + a.path());
        }
        return found;
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
