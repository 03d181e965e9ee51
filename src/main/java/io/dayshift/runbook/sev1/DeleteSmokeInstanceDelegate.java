package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.sev1.Sev1IncidentVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1IncidentVariables.SMOKE_SERVER;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_DeleteSmokeInstance}: the smoke instance goes, whatever its outcome; one already gone is not an error. */
@Component("deleteSmokeInstance")
class DeleteSmokeInstanceDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    DeleteSmokeInstanceDelegate(Sites sites, ComputeCloud compute) {
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
