package io.dayshift.backup;

import java.time.Instant;

/** An artefact removed from its host by retention: which set it belonged to, when and by which run. */
public record PrunedArtefact(String setId, ArtefactKind kind, String host, String path, Instant takenAt, Instant prunedAt,
                             String prunedBy) {
}
