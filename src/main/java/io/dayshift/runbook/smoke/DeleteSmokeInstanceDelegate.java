package io.dayshift.runbook.smoke;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_DeleteSmokeInstance}: the smoke instance goes, whether it passed or not; one already gone is left alone. */
@Component("deleteSmokeTestInstance")
class DeleteSmokeInstanceDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    DeleteSmokeInstanceDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String id = SmokeTestInstance.SERVER.get(execution);
        String name = SmokeTestInstance.INSTANCE.get(execution);
        if (compute.server(site, id).isEmpty()) {
            RunLog.record(execution, "GET /servers/" + id, name, "already gone", "");
            return;
        }
        compute.deleteServer(site, id);
        RunLog.record(execution, "DELETE /servers/" + id, name, "deleted", "");
    }
}
