package io.dayshift.backup;

import java.time.Instant;
import java.util.Objects;

/**
 * The copy of one artefact on the site's off-host store ({@code dayshift.sites.<site>.backup.off-host}), or the attempt to
 * make it: where it lies, and whether its checksum, computed on the store, equals the artefact's.
 *
 * @param setId     the backup set of the artefact
 * @param kind      the artefact's kind (one copy per artefact)
 * @param host      the store, as Dayshift reaches it over SSH
 * @param path      the copy's absolute path there ({@code <off-host path>/<backup id>/<file name>})
 * @param sizeBytes the artefact's size
 * @param sha256    the artefact's checksum as the catalogue records it
 * @param takenAt   when the artefact was made (retention counts from it, as for the artefact)
 * @param copiedAt  when the copy was made (or found)
 * @param verified  true when the store computed the same checksum and the copy was renamed into place
 * @param problem   why there is no verified copy; empty when verified
 */
public record OffHostCopy(String setId, ArtefactKind kind, String host, String path, long sizeBytes, String sha256, Instant takenAt,
                          Instant copiedAt, boolean verified, String problem) {

    public OffHostCopy {
        Objects.requireNonNull(setId, "setId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(copiedAt, "copiedAt");
        problem = problem == null ? "" : problem;
    }

    /** The copy as an artefact on the store (for the retention rules, which treat copies as artefacts of their own). */
    public Artefact asArtefact() {
        return new Artefact(kind, host, path, sizeBytes, sha256, takenAt, verified, null);
    }
}
