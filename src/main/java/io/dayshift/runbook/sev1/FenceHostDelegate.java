package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.HOST_FENCED;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TARGET;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_FenceHost}: forces the failed host's nova-compute down, so that Nova lets its instances be rebuilt elsewhere,
 * but only when Nova sees it down: a host that answers again may still run its instances, and evacuating them would run
 * each twice on shared storage. A host already forced down (a retried step) is left as it is.
 */
@Component("fenceFailedHost")
class FenceHostDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    FenceHostDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = TARGET.get(execution);
        ComputeService before = compute.computeService(site, host)
                .orElseThrow(() -> new IllegalStateException("site " + site.name() + ": host " + host + " has no nova-compute service any more"));
        if (before.forcedDown()) {
            HOST_FENCED.set(execution, true);
            RunLog.record(execution, "GET /os-services?binary=nova-compute&host=" + host, host, "already forced down, not forced again", null, "");
        } else if (before.up()) {
            HOST_FENCED.set(execution, false);
            Mitigations.done(execution, "not fenced: nova-compute on " + host + " reports up again, nothing evacuated");
            RunLog.record(execution, "GET /os-services?binary=nova-compute&host=" + host, host, "UP: not fenced, not evacuated", null,
                    "nova-compute on " + host + " is up" + before.updatedAt().map(at -> " (last report " + at + ")").orElse(""));
        } else {
            ComputeService after = compute.forceDownComputeService(site, host);
            HOST_FENCED.set(execution, after.forcedDown());
            RunLog.record(execution, "PUT /os-services/" + before.id() + " {forced_down: true}", host, after.forcedDown() ? "forced down" : "NOT forced down", null,
                    "was down" + before.updatedAt().map(at -> " since its last report " + at).orElse(""));
        }
    }
}
