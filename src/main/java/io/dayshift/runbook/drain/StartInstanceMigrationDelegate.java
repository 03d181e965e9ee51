package io.dayshift.runbook.drain;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.drain.DrainComputeNode.COLD;
import static io.dayshift.runbook.drain.DrainComputeNode.LIVE;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.INSTANCE_ID;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.MIGRATION_KIND;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.MIGRATION_OUTCOME;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeCloudException;
import io.dayshift.compute.ServerSummary;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.drain.DrainComputeNode.Outcome;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_StartMigration}: looks where the instance is first. Gone or on another host: nothing to do. Already moving
 * (this step ran before): await it. ACTIVE or PAUSED: live migration, block migration "auto", the scheduler picks the
 * host. SHUTOFF: cold migration. Anything else, or Nova refusing (400, 409): the awaited operation carries the refusal,
 * and an ops lead decides.
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
            String kind = server.status().contains("RESIZE") ? COLD : LIVE;
            await(execution, site, server, kind, Optional.empty());
            outcome(execution, Outcome.STARTED, "GET /servers/" + id + " (already moving, not started again)", Migrations.describe(server));
            return;
        }
        String kind = Migrations.LIVE.contains(server.status()) ? LIVE : Migrations.COLD.contains(server.status()) ? COLD : null;
        if (kind == null) {
            String refusal = Migrations.describe(server) + ": Nova moves neither live nor cold a server in " + server.status();
            await(execution, site, server, LIVE, Optional.of(refusal));
            outcome(execution, Outcome.REFUSED, "GET /servers/" + id, refusal);
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
            String refusal = Migrations.describe(server) + ": " + e.getMessage();
            await(execution, site, server, kind, Optional.of(refusal));
            outcome(execution, Outcome.REFUSED, action(kind, id), refusal);
            return;
        }
        await(execution, site, server, kind, Optional.empty());
        outcome(execution, Outcome.STARTED, action(kind, id), Migrations.describe(server));
    }

    static String action(String kind, String id) {
        return kind.equals(LIVE) ? "POST /servers/" + id + "/action {os-migrateLive: {host: null, block_migration: auto}}"
                : "POST /servers/" + id + "/action {migrate: null}";
    }

    /** The migration the run awaits next, of this kind (refused by Nova, when it was). */
    static void await(DelegateExecution execution, Site site, ServerSummary server, String kind, Optional<String> refusal) {
        MIGRATION_KIND.set(execution, kind);
        AwaitOperation.OPERATION.set(execution, MigrationProbe.operation(site.name(), HOST.get(execution), server, kind, refusal));
    }

    private static void outcome(DelegateExecution execution, String outcome, String action, String evidence) {
        MIGRATION_OUTCOME.set(execution, outcome);
        RunLog.record(execution, action, INSTANCE_ID.get(execution), outcome, null, evidence);
    }
}
