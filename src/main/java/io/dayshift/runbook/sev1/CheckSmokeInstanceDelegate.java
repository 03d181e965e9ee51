package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.sev1.Sev1IncidentVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1IncidentVariables.SMOKE_OUTCOME;
import static io.dayshift.runbook.sev1.Sev1IncidentVariables.SMOKE_SERVER;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ServerSummary;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckSmokeInstance}: ACTIVE is a pass, ERROR or gone a failure, anything else is asked again after the timer. */
@Component("checkSmokeInstance")
class CheckSmokeInstanceDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    CheckSmokeInstanceDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = SMOKE_SERVER.get(execution);
        Optional<ServerSummary> server = compute.server(sites.require(SITE.get(execution)), id);
        String outcome = server.isEmpty() || server.get().status().equals("ERROR") ? "failed"
                : server.get().status().equals("ACTIVE") ? "active" : "booting";
        SMOKE_OUTCOME.set(execution, outcome);
        Steps.record(execution, "GET /servers/" + id, id, outcome, server.map(s -> s.status() + s.taskState().map(t -> " (" + t + ")").orElse("")
                + " on " + s.host().orElse("no host")).orElse("the server is gone"));
    }
}
