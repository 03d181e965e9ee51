package io.dayshift.runbook.restore;

import io.dayshift.backup.ArtefactKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a restore puts back: the databases, the deployment's configuration, or both. */
enum RestoreScope {
    DATABASE(true, false),
    CONFIG(false, true),
    FULL(true, true);

    private final boolean database;
    private final boolean config;

    RestoreScope(boolean database, boolean config) {
        this.database = database;
        this.config = config;
    }

    static Optional<RestoreScope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.word().equals(value == null ? "" : value.strip())).findFirst();
    }

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean database() {
        return database;
    }

    boolean config() {
        return config;
    }

    /** The database artefact a restore of this flavour uses: Kolla's mariabackup, or the charm's mysqldump. */
    static ArtefactKind databaseKind(boolean kolla) {
        return kolla ? ArtefactKind.MARIADB_FULL : ArtefactKind.MYSQL_DUMP;
    }
}
