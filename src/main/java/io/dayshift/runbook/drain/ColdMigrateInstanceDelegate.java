package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNodeVariables.COLD;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.EVIDENCE;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.INSTANCE_ID;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.MIGRATION_KIND;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.MIGRATION_OUTCOME;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeCloudException;
import io.dayshift.compute.ServerSummary;
import io.dayshift.runbook.drain.DrainComputeNodeVariables.Outcome;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ColdMigrateInstance}: after a failed live migration, moves the instance cold (its guest restarts on the new
 * host). Only when it is still on the host, idle, ACTIVE or SHUTOFF; the next check says how it went (a refusal included).
 */
@Component("coldMigrateInstance")
class ColdMigrateInstanceDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    ColdMigrateInstanceDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String id = INSTANCE_ID.get(execution);
        MIGRATION_KIND.set(execution, COLD);
        MIGRATION_OUTCOME.set(execution, Outcome.MOVING);
        Optional<ServerSummary> server = compute.server(site, id);
        if (server.isEmpty() || !server.get().host().equals(HOST.find(execution)) || Migrations.inFlight(server.get())
                || !Migrations.COLD.contains(server.get().status())) {
            Steps.record(execution, "GET /servers/" + id + " (no cold migration started)", id, "not started",
                    server.map(Migrations::describe).orElse("server " + id + " no longer exists"));
            return;
        }
        try {
            compute.coldMigrate(site, id);
            Steps.record(execution, StartInstanceMigrationDelegate.action(COLD, id), id, "started after the live migration failed",
                    Migrations.describe(server.get()));
        } catch (ComputeCloudException e) {
            if (!Migrations.refusal(e)) {
                throw e;
            }
            EVIDENCE.set(execution, Migrations.describe(server.get()) + ": " + e.getMessage());
            Steps.record(execution, StartInstanceMigrationDelegate.action(COLD, id), id, "refused", e.getMessage());
        }
    }
}
