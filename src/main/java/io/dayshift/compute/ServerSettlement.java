package io.dayshift.compute;

import java.util.Optional;

/**
 * Where a server is and whether its last move (live or cold migration, evacuation) has finished: the
 * answer a runbook's timer loop asks for.
 *
 * @param server    the server now
 * @param phase     what the runbook should do next
 * @param migration the server's newest migration record, if it ever moved
 */
public record ServerSettlement(ServerSummary server, Phase phase, Optional<Migration> migration) {

    public enum Phase {
        /** Nova is still working on it: ask again later. */
        MOVING,
        /** A cold migration finished and waits for {@link ComputeCloud#confirmMigration}. */
        AWAITING_CONFIRMATION,
        /** Nothing in flight and the last move (if any) succeeded. */
        SETTLED,
        /** The server is in ERROR, or its last move failed (the server stayed where it was). */
        FAILED
    }

    /**
     * One migration record ({@code GET /os-migrations}).
     *
     * @param id         the migration's id
     * @param type       {@code live-migration}, {@code migration} (cold), {@code resize}, {@code evacuation}
     * @param status     e.g. {@code running}, {@code finished}, {@code confirmed}, {@code completed}, {@code done}, {@code error}, {@code failed}
     * @param sourceHost where the server came from
     * @param destHost   where it went, once known
     */
    public record Migration(String id, String type, String status, String sourceHost, Optional<String> destHost) {
    }
}
