package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNodeVariables.INSTANCE_ID;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.MIGRATION_OUTCOME;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ServerSummary;
import io.dayshift.runbook.drain.DrainComputeNodeVariables.Outcome;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ConfirmMigration}: confirms a cold migration that waits in VERIFY_RESIZE (only then: a retried step confirms once). */
@Component("confirmInstanceMigration")
class ConfirmInstanceMigrationDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    ConfirmInstanceMigrationDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String id = INSTANCE_ID.get(execution);
        Optional<ServerSummary> server = compute.server(site, id);
        MIGRATION_OUTCOME.set(execution, Outcome.MOVING);
        if (server.isEmpty() || !server.get().status().equals("VERIFY_RESIZE")) {
            Steps.record(execution, "GET /servers/" + id, id, "nothing to confirm",
                    server.map(Migrations::describe).orElse("server " + id + " no longer exists"));
            return;
        }
        compute.confirmMigration(site, id);
        Steps.record(execution, "POST /servers/" + id + "/action {confirmResize: null}", id, "confirmed", Migrations.describe(server.get()));
    }
}
