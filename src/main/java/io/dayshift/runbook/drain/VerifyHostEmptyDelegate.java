package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Variables.EVIDENCE;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST_EMPTY;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.REMAINING_INSTANCES;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_VerifyHostEmpty}: lists the servers still on the host, of every project. */
@Component("verifyHostEmpty")
class VerifyHostEmptyDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    VerifyHostEmptyDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = HOST.get(execution);
        InstanceStates remaining = DrainSummaries.states(compute.serversOnHost(site, host));
        REMAINING_INSTANCES.set(execution, remaining);
        HOST_EMPTY.set(execution, remaining.none());
        EVIDENCE.set(execution, "Still on " + host + ": " + remaining.describe());
        RunLog.record(execution, "GET /servers/detail?all_tenants=1&host=" + host, host, remaining.none() ? "empty"
                : remaining.instances().size() + " instance(s) left", null, remaining.describe());
    }
}
