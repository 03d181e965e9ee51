package io.dayshift.runbook.drain;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ServerSettlement;
import io.dayshift.compute.ServerSummary;
import io.dayshift.runbook.await.Look;
import io.dayshift.runbook.await.Operation;
import io.dayshift.runbook.await.OperationProbe;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A migration of one instance off the host it is drained from, live or cold, as Nova reports it ({@code GET /os-migrations},
 * {@code GET /servers/{id}}). It ends well when Nova is done with the request and left the instance intact, so the drain
 * goes on by itself: settled on another host, waiting in VERIFY_RESIZE for the confirmation of a cold migration, or back
 * on the host after a failed live migration while a cold one can still move it. It ends badly when Nova refused the
 * request, put the instance in ERROR, or failed a move the drain cannot follow up: an ops lead decides.
 */
@Component
public class MigrationProbe extends OperationProbe {

    public static final String KIND = "instance-migration";

    private final ComputeCloud compute;

    MigrationProbe(Sites sites, ComputeCloud compute) {
        super(KIND, "openstack", sites);
        this.compute = compute;
    }

    /** The migration of {@code server} off {@code host} that a step asked for ({@code live} or {@code cold}), or that Nova refused. */
    static Operation operation(String site, String host, ServerSummary server, String kind, Optional<String> refusal) {
        Map<String, String> handle = new LinkedHashMap<>(Map.of("instanceId", server.id(), "host", host, "migration", kind));
        refusal.ifPresent(r -> handle.put("refusal", r));
        return new Operation(KIND, site, server.id(), kind + " migration of " + server.name() + " off " + host, handle);
    }

    @Override
    protected Look look(Operation operation, Site site) {
        Optional<String> refusal = Optional.ofNullable(operation.handle().get("refusal"));
        if (refusal.isPresent()) {
            return Look.failed("Nova refused the move: " + refusal.get());
        }
        String host = operation.require("host");
        ServerSettlement settlement = compute.settlement(site, operation.require("instanceId"));
        ServerSummary server = settlement.server();
        boolean onHost = server.host().equals(Optional.of(host));
        String state = Migrations.describe(settlement);
        return switch (settlement.phase()) {
            case MOVING -> Look.running(state);
            case AWAITING_CONFIRMATION -> Look.succeeded("Nova waits for the confirmation of the cold migration: " + state);
            case SETTLED, FAILED -> settlement.phase() == ServerSettlement.Phase.SETTLED && !onHost ? Look.succeeded("moved: " + state)
                    : operation.require("migration").equals(DrainComputeNode.LIVE) && onHost && Migrations.COLD.contains(server.status())
                    ? Look.succeeded("the live migration did not move it and it is intact on " + host + ", so a cold migration follows: " + state)
                    : Look.failed(state);
        };
    }
}
