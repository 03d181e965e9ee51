package io.dayshift.runbook.drain;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.drain.DrainComputeNode.COLD;
import static io.dayshift.runbook.drain.DrainComputeNode.LIVE;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.INSTANCES;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.INSTANCE_ID;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.MIGRATION_KIND;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.MIGRATION_OUTCOME;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.MOVED_INSTANCES;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.PLAN;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeCloudException;
import io.dayshift.compute.ServerSummary;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.drain.DrainComputeNode.Outcome;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_FinishMigration}, after Nova is done with a migration: looks at the instance, then does the drain's part.
 * Waiting in VERIFY_RESIZE: confirms the cold migration (only then: a retried step confirms once), then awaits it
 * settling. Settled on another host: moved, recorded in {@code movedInstances}. Back on the host after a failed live
 * migration: moves it cold (its guest restarts on the new host), then awaits that.
 */
@Component("finishInstanceMigration")
class FinishInstanceMigrationDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    FinishInstanceMigrationDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = HOST.get(execution);
        String id = INSTANCE_ID.get(execution);
        Optional<ServerSummary> found = compute.server(site, id);
        MIGRATION_OUTCOME.set(execution, Outcome.STARTED);
        if (found.isEmpty()) {
            MIGRATION_OUTCOME.set(execution, Outcome.MOVED);
            RunLog.record(execution, "GET /servers/" + id, id, "gone", null, "server " + id + " no longer exists: nothing left to move");
            return;
        }
        ServerSummary server = found.get();
        boolean onHost = server.host().equals(Optional.of(host));
        if (server.status().equals("VERIFY_RESIZE")) {
            compute.confirmMigration(site, id);
            RunLog.record(execution, "POST /servers/" + id + "/action {confirmResize: null}", id, "confirmed", null, Migrations.describe(server));
        } else if (!onHost && !Migrations.inFlight(server)) {
            moved(execution, server);
        } else if (onHost && !Migrations.inFlight(server) && MIGRATION_KIND.get(execution).equals(LIVE) && Migrations.COLD.contains(server.status())) {
            coldMigrate(execution, site, server);
        } else {
            RunLog.record(execution, "GET /servers/" + id, id, "still moving", null, Migrations.describe(server));
        }
    }

    private static void moved(DelegateExecution execution, ServerSummary server) {
        String id = server.id();
        InstanceMove move = new InstanceMove(id, INSTANCES.get(execution).require(id).name(), HOST.get(execution), server.host().orElse(""),
                MIGRATION_KIND.get(execution), PLAN.find(execution).map(p -> p.moves().getOrDefault(id, "")).orElse(""));
        MOVED_INSTANCES.set(execution.getProcessInstance(), MOVED_INSTANCES.find(execution).orElse(new InstanceMoves(List.of())).with(move));
        MIGRATION_OUTCOME.set(execution, Outcome.MOVED);
        RunLog.record(execution, "GET /servers/" + id, id, Outcome.MOVED, null, Migrations.describe(server));
    }

    private void coldMigrate(DelegateExecution execution, Site site, ServerSummary server) {
        String id = server.id();
        try {
            compute.coldMigrate(site, id);
            StartInstanceMigrationDelegate.await(execution, site, server, COLD, Optional.empty());
            RunLog.record(execution, StartInstanceMigrationDelegate.action(COLD, id), id, "started after the live migration failed", null,
                    Migrations.describe(server));
        } catch (ComputeCloudException e) {
            if (!Migrations.refusal(e)) {
                throw e;
            }
            StartInstanceMigrationDelegate.await(execution, site, server, COLD, Optional.of(Migrations.describe(server) + ": " + e.getMessage()));
            RunLog.record(execution, StartInstanceMigrationDelegate.action(COLD, id), id, "refused", null, e.getMessage());
        }
    }
}
