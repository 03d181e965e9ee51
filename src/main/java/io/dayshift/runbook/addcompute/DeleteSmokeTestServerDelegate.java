package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SMOKE_SERVER;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_DeleteSmokeTestServer}: the smoke test leaves nothing behind (a server already gone is fine). */
@Component("deleteSmokeTestServer")
class DeleteSmokeTestServerDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    DeleteSmokeTestServerDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = SMOKE_SERVER.get(execution);
        compute.deleteServer(sites.require(SITE.get(execution)), id);
        Steps.record(execution, "DELETE /servers/" + id, id, "deleted", "");
    }
}
