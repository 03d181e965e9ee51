package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNodeVariables.COLD;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.EVIDENCE;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.INSTANCE_ID;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.LIVE;
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
 * {@code Task_StartMigration}: looks where the instance is first. Gone or on another host: nothing to do. Already moving
 * (this step ran before): wait for it. ACTIVE or PAUSED: live migration, block migration "auto", the scheduler picks the
 * host. SHUTOFF: cold migration. Anything else, or Nova refusing (400, 409): an ops lead decides.
 */
@Component("startInstanceMigration")
class StartInstanceMigrationDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    StartInstanceMigrationDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = HOST.get(execution);
        String id = INSTANCE_ID.get(execution);
        Optional<ServerSummary> found = compute.server(site, id);
        if (found.isEmpty() || !found.get().host().equals(Optional.of(host))) {
            outcome(execution, Outcome.ELSEWHERE, "GET /servers/" + id, found.map(Migrations::describe).orElse("server " + id + " no longer exists"));
            return;
        }
        ServerSummary server = found.get();
        if (Migrations.inFlight(server)) {
            MIGRATION_KIND.set(execution, server.status().contains("RESIZE") ? COLD : LIVE);
            outcome(execution, Outcome.STARTED, "GET /servers/" + id + " (already moving, not started again)", Migrations.describe(server));
            return;
        }
        String kind = Migrations.LIVE.contains(server.status()) ? LIVE : Migrations.COLD.contains(server.status()) ? COLD : null;
        if (kind == null) {
            outcome(execution, Outcome.REFUSED, "GET /servers/" + id, Migrations.describe(server) + ": Nova moves neither live nor cold a server in "
                    + server.status());
            return;
        }
        try {
            if (kind.equals(LIVE)) {
                compute.liveMigrate(site, id);
            } else {
                compute.coldMigrate(site, id);
            }
        } catch (ComputeCloudException e) {
            if (!Migrations.refusal(e)) {
                throw e;
            }
            outcome(execution, Outcome.REFUSED, action(kind, id), Migrations.describe(server) + ": " + e.getMessage());
            return;
        }
        MIGRATION_KIND.set(execution, kind);
        outcome(execution, Outcome.STARTED, action(kind, id), Migrations.describe(server));
    }

    static String action(String kind, String id) {
        return kind.equals(LIVE) ? "POST /servers/" + id + "/action {os-migrateLive: {host: null, block_migration: auto}}"
                : "POST /servers/" + id + "/action {migrate: null}";
    }

    private static void outcome(DelegateExecution execution, String outcome, String action, String evidence) {
        MIGRATION_OUTCOME.set(execution, outcome);
        EVIDENCE.set(execution, evidence);
        Steps.record(execution, action, INSTANCE_ID.get(execution), outcome, evidence);
    }
}
