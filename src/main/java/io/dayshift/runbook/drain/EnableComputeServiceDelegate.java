package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNodeVariables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.SITE;
import static io.dayshift.runbook.drain.ReturnComputeNodeVariables.ENABLED_BY_RUN;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_EnableComputeService} of return-compute-node: enables the host's nova-compute unless it already is. */
@Component("enableComputeService")
class EnableComputeServiceDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    EnableComputeServiceDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = HOST.get(execution);
        ComputeService before = compute.computeService(site, host)
                .orElseThrow(() -> new IllegalStateException("site " + site.name() + ": host " + host + " has no nova-compute service any more"));
        if (before.enabled()) {
            ENABLED_BY_RUN.set(execution, false);
            Steps.record(execution, "GET /os-services?binary=nova-compute&host=" + host, host, "already enabled, not enabled again", "up " + before.up());
            return;
        }
        ComputeService after = compute.enableComputeService(site, host);
        ENABLED_BY_RUN.set(execution, true);
        Steps.record(execution, "PUT /os-services/enable {host: " + host + ", binary: nova-compute}", host, after.enabled() ? "enabled" : "still disabled",
                "was disabled: " + before.disabledReason().orElse("(no reason)"));
    }
}
