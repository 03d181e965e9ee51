package io.dayshift.adapter.openstack;

import io.dayshift.compute.ServerSettlement;
import io.dayshift.compute.ServerSettlement.Migration;
import io.dayshift.compute.ServerSettlement.Phase;
import io.dayshift.compute.ServerSummary;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Decides from a server and its newest migration whether a move has finished. */
final class Settlements {

    /** Server statuses during which Nova is still working. */
    private static final Set<String> BUSY_STATUSES = Set.of("BUILD", "MIGRATING", "RESIZE", "REBUILD", "REVERT_RESIZE");
    /** Migration statuses that end a migration successfully. */
    private static final Set<String> DONE = Set.of("completed", "confirmed", "done", "reverted", "finished");
    /** Migration statuses that end a migration unsuccessfully (the server stays or returns where it was). */
    private static final Set<String> FAILED = Set.of("error", "failed", "cancelled");

    private Settlements() {
    }

    static ServerSettlement of(ServerSummary server, Optional<Migration> migration) {
        return new ServerSettlement(server, phase(server, migration), migration);
    }

    static Phase phase(ServerSummary server, Optional<Migration> migration) {
        String status = server.status().toUpperCase(Locale.ROOT);
        if (status.equals("ERROR")) {
            return Phase.FAILED;
        }
        if (status.equals("VERIFY_RESIZE")) {
            return Phase.AWAITING_CONFIRMATION;
        }
        if (server.taskState().isPresent() || BUSY_STATUSES.contains(status)) {
            return Phase.MOVING;
        }
        if (migration.isEmpty()) {
            return Phase.SETTLED;
        }
        String migrationStatus = migration.get().status().toLowerCase(Locale.ROOT);
        if (FAILED.contains(migrationStatus)) {
            return Phase.FAILED;
        }
        if (!DONE.contains(migrationStatus)) {
            return Phase.MOVING;
        }
        // A move that ended somewhere else than where the server is: the two reads straddled Nova's
        // last step (e.g. an evacuation clears the task state before it moves the host). Ask again.
        boolean landed = migrationStatus.equals("reverted")
                || migration.get().destHost().isEmpty()
                || migration.get().destHost().equals(server.host());
        // "finished" without VERIFY_RESIZE means the confirmation already happened (auto-confirm).
        return landed ? Phase.SETTLED : Phase.MOVING;
    }
}
