package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNodeVariables.EVIDENCE;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.INSTANCES;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.INSTANCE_ID;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.LIVE;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.MIGRATION_KIND;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.MIGRATION_OUTCOME;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.MOVED_INSTANCES;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.PLAN;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ServerSettlement;
import io.dayshift.compute.ServerSummary;
import io.dayshift.runbook.drain.DrainComputeNodeVariables.Outcome;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckMigration}: where the instance is and whether its move has finished. Settled on another host: moved
 * (recorded in {@code movedInstances}). A live migration that failed with the server still running on the host: cold
 * migration next. Any other failure: an ops lead decides.
 */
@Component("checkInstanceMigration")
class CheckInstanceMigrationDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    CheckInstanceMigrationDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = HOST.get(execution);
        String id = INSTANCE_ID.get(execution);
        ServerSettlement settlement = compute.settlement(site, id);
        ServerSummary server = settlement.server();
        boolean onHost = server.host().equals(Optional.of(host));
        String outcome = switch (settlement.phase()) {
            case MOVING -> Outcome.MOVING;
            case AWAITING_CONFIRMATION -> Outcome.AWAITING_CONFIRMATION;
            case SETTLED -> onHost ? failure(execution, server) : Outcome.MOVED;
            case FAILED -> failure(execution, server);
        };
        if (outcome.equals(Outcome.MOVED)) {
            DrainInstance instance = INSTANCES.get(execution).require(id);
            InstanceMove move = new InstanceMove(id, instance.name(), host, server.host().orElse(""), MIGRATION_KIND.get(execution),
                    PLAN.find(execution).map(p -> p.moves().getOrDefault(id, "")).orElse(""));
            MOVED_INSTANCES.set(execution.getProcessInstance(),
                    MOVED_INSTANCES.find(execution).orElse(new InstanceMoves(List.of())).with(move));
        }
        MIGRATION_OUTCOME.set(execution, outcome);
        EVIDENCE.set(execution, Migrations.describe(settlement));
        Steps.record(execution, "GET /os-migrations?instance_uuid=" + id + " (2.59), GET /servers/" + id, id, outcome, Migrations.describe(settlement));
    }

    /** A live migration that failed while the server still runs (or is off) on the host is retried cold; anything else is for an ops lead. */
    private static String failure(DelegateExecution execution, ServerSummary server) {
        boolean live = MIGRATION_KIND.find(execution).orElse(LIVE).equals(LIVE);
        boolean onHost = server.host().equals(HOST.find(execution));
        return live && onHost && Migrations.COLD.contains(server.status()) ? Outcome.LIVE_FAILED : Outcome.FAILED;
    }
}
