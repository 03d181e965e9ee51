package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SMOKE_SERVER;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ServerSummary;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckSmokeTestServer}: ACTIVE on the new host is ready; ERROR, another host or gone is a failure. */
@Component("checkSmokeTestServer")
class CheckSmokeTestServerDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    CheckSmokeTestServerDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = SMOKE_SERVER.get(execution);
        String host = MACHINE.get(execution);
        Optional<ServerSummary> server = compute.server(sites.require(SITE.get(execution)), id);
        boolean onHost = server.flatMap(ServerSummary::host).filter(host::equals).isPresent();
        boolean active = server.filter(s -> s.status().equals("ACTIVE")).isPresent();
        boolean failed = server.isEmpty() || server.get().status().equals("ERROR") || active && !onHost;
        String detail = server.map(s -> "server " + id + " is " + s.status() + s.taskState().map(t -> " (" + t + ")").orElse("") + " on "
                + s.host().orElse("no host")).orElse("server " + id + " is gone");
        String outcome = Steps.outcome(execution, active && onHost, failed);
        Steps.conclude(execution, outcome, detail, "");
        Steps.record(execution, "GET /servers/" + id, host, outcome, detail);
    }
}
