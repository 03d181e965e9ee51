package io.dayshift.runbook.drain;

import io.dayshift.compute.ComputeCloudException;
import io.dayshift.compute.ServerSettlement;
import io.dayshift.compute.ServerSummary;
import java.util.Set;

/** How the migration steps read a server. */
final class Migrations {

    /** Statuses in which Nova is moving the server (or waits for the confirmation of a cold migration). */
    static final Set<String> IN_FLIGHT = Set.of("MIGRATING", "RESIZE", "VERIFY_RESIZE", "REVERT_RESIZE");
    /** Nova live-migrates ACTIVE and PAUSED servers. */
    static final Set<String> LIVE = Set.of("ACTIVE", "PAUSED");
    /** Nova cold-migrates ACTIVE and SHUTOFF (stopped) servers. */
    static final Set<String> COLD = Set.of("ACTIVE", "SHUTOFF");

    private Migrations() {
    }

    static boolean inFlight(ServerSummary s) {
        return IN_FLIGHT.contains(s.status()) || s.taskState().isPresent();
    }

    static String describe(ServerSummary s) {
        return "server " + s.name() + " (" + s.id() + ") " + s.status() + s.taskState().map(t -> " task " + t).orElse("") + " on "
                + s.host().orElse("no host");
    }

    static String describe(ServerSettlement settlement) {
        return describe(settlement.server()) + "; phase " + settlement.phase() + settlement.migration()
                .map(m -> "; newest migration " + m.type() + " " + m.status() + " " + m.sourceHost() + " → " + m.destHost().orElse("?"))
                .orElse("; no migration record");
    }

    /** Nova refused the request (4xx other than 401/404 kinds that mean a technical problem): the run asks an ops lead. */
    static boolean refusal(ComputeCloudException e) {
        int status = e.httpStatus().orElse(0);
        return status == 400 || status == 409;
    }
}
