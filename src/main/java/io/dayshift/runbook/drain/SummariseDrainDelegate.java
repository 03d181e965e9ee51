package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Variables.DRAINED;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST_EMPTY;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.MOVED_INSTANCES;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.REMAINING_INSTANCES;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SummariseDrain} and {@code Task_SummariseIncompleteDrain}: reads the compute service once more and writes
 * {@code drained} (empty and disabled) and {@code summary}. The host stays disabled either way.
 */
@Component("summariseDrain")
class SummariseDrainDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    SummariseDrainDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = HOST.get(execution);
        ComputeService service = compute.computeService(site, host)
                .orElseThrow(() -> new IllegalStateException("site " + site.name() + ": host " + host + " has no nova-compute service any more"));
        boolean drained = HOST_EMPTY.find(execution).orElse(false) && !service.enabled();
        InstanceStates remaining = REMAINING_INSTANCES.find(execution).orElse(new InstanceStates(List.of()));
        DRAINED.set(execution, drained);
        RunLog.summarise(execution, (drained ? "Host " + host + " on site " + site.name() + " drained: "
                : "Host " + host + " on site " + site.name() + " NOT drained, " + remaining.instances().size() + " instance(s) left on it ("
                + remaining.describe() + "); ")
                + DrainSummaries.moves(MOVED_INSTANCES.find(execution).orElse(new InstanceMoves(List.of()))) + "; " + DrainSummaries.service(service)
                + ". " + DrainSummaries.approval(execution) + ". Return it to service with return-compute-node.");
        RunLog.record(execution, "GET /os-services?binary=nova-compute&host=" + host, host, drained ? "drained" : "not drained", null,
                "enabled " + service.enabled() + ", up " + service.up());
    }
}
