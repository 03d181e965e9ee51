package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.drain.ReturnComputeNode.Variables.EVIDENCE;
import static io.dayshift.runbook.drain.ReturnComputeNode.Variables.SERVICE_READY;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_VerifyComputeService}: the host's nova-compute is enabled, up (its heartbeat is recent) and not forced down. */
@Component("verifyComputeService")
class VerifyComputeServiceDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    VerifyComputeServiceDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = HOST.get(execution);
        ComputeService s = compute.computeService(site, host)
                .orElseThrow(() -> new IllegalStateException("site " + site.name() + ": host " + host + " has no nova-compute service any more"));
        boolean ready = s.enabled() && s.up() && !s.forcedDown();
        String evidence = "nova-compute on " + host + ": " + (s.enabled() ? "enabled" : "disabled (" + s.disabledReason().orElse("no reason") + ")")
                + ", " + (s.up() ? "up" : "down") + (s.forcedDown() ? ", forced down" : "") + ", last heartbeat "
                + s.updatedAt().map(Object::toString).orElse("never");
        SERVICE_READY.set(execution, ready);
        EVIDENCE.set(execution, evidence);
        RunLog.record(execution, "GET /os-services?binary=nova-compute&host=" + host, host, ready ? "enabled and up" : "not ready", null, evidence);
    }
}
