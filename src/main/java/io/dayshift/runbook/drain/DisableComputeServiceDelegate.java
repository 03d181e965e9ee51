package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Variables.DISABLED_BY_RUN;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.OPERATOR_REASON;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_DisableComputeService}: the scheduler stops placing on the host, with the operator's reason marked as this
 * run's ({@link OutOfService}). A host already disabled is left as it is, with its reason (with this run's reason it was
 * this run, e.g. a retried step; with another, the host was out of service before and a return will leave it so).
 */
@Component("disableComputeService")
class DisableComputeServiceDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    DisableComputeServiceDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = HOST.get(execution);
        String reason = OutOfService.reason(OPERATOR_REASON.get(execution), Runs.topRunId(execution));
        ComputeService before = compute.computeService(site, host)
                .orElseThrow(() -> new IllegalStateException("site " + site.name() + ": host " + host + " has no nova-compute service any more"));
        if (!before.enabled()) {
            boolean ours = before.disabledReason().map(reason::equals).orElse(false);
            DISABLED_BY_RUN.set(execution, ours);
            RunLog.record(execution, "GET /os-services?binary=nova-compute&host=" + host, host, "already disabled, not disabled again", null,
                    "disabled reason: " + before.disabledReason().orElse("(none)"));
            return;
        }
        ComputeService after = compute.disableComputeService(site, host, reason);
        DISABLED_BY_RUN.set(execution, true);
        RunLog.record(execution, "PUT /os-services/disable-log-reason {host: " + host + ", binary: nova-compute}", host,
                after.enabled() ? "still enabled" : "disabled", null, "disabled reason: " + after.disabledReason().orElse("(none)"));
    }
}
