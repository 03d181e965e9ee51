package io.dayshift.runbook.backup;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.RetentionClass;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a run backs up: everything, the databases only, or the configuration (and keys) only. */
public enum BackupScope {
    FULL,
    DATABASES,
    CONFIG;

    /** The scope named {@code full}, {@code databases} or {@code config} (any case; blank is {@code full}). */
    public static Optional<BackupScope> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(FULL);
        }
        return Arrays.stream(values()).filter(s -> s.key().equals(value.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(ArtefactKind kind) {
        return this == FULL || (this == DATABASES) == (kind.retentionClass() == RetentionClass.DATABASE);
    }
}
