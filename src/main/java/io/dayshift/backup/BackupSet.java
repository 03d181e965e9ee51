package io.dayshift.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The artefacts one run of {@code backup-site} made for one site, and what it could not back up.
 *
 * @param id                {@code <site>-<yyyyMMdd'T'HHmmss'Z'>} of {@code startedAt}, with {@code -2}, {@code -3}… added for a
 *                          second set started in the same second
 * @param flavour           {@code kolla} or {@code charmed}
 * @param scope             {@code full}, {@code databases} or {@code config}
 * @param processInstanceId the run that made it
 * @param finishedAt        null while the run is still backing up
 * @param artefacts         what was backed up
 * @param failures          what could not be backed up and why, one line each ({@code VAULT_SNAPSHOT: skipped by …})
 */
public record BackupSet(String id, String site, String flavour, String scope, String processInstanceId, Instant startedAt,
                        Instant finishedAt, List<Artefact> artefacts, List<String> failures) {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public BackupSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(startedAt, "startedAt");
        artefacts = artefacts == null ? List.of() : List.copyOf(artefacts);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /** The id of the set a run started at {@code startedAt} makes for {@code site}. */
    public static String idFor(String site, Instant startedAt) {
        return site + "-" + ID_TIME.format(startedAt);
    }

    public Optional<Artefact> artefact(ArtefactKind kind) {
        return artefacts.stream().filter(a -> a.kind() == kind).findFirst();
    }
}
