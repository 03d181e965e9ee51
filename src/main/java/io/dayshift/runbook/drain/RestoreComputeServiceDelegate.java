package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Variables.ABORTED_BY;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.ABORT_NOTE;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.DISABLED_BY_RUN;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.DRAINED;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.INSTANCES;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.MOVED_INSTANCES;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.REMAINING_INSTANCES;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.ServerSummary;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RestoreComputeService}, after an ops lead aborted: when nothing left the host and nothing is moving, the
 * compute service this run disabled is enabled again; otherwise it stays disabled, and the summary says so and why.
 */
@Component("restoreComputeService")
class RestoreComputeServiceDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    RestoreComputeServiceDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = HOST.get(execution);
        List<ServerSummary> onHost = compute.serversOnHost(site, host);
        Set<String> still = onHost.stream().map(ServerSummary::id).collect(Collectors.toSet());
        long left = INSTANCES.get(execution).ids().stream().filter(id -> !still.contains(id)).count();
        boolean moving = onHost.stream().anyMatch(Migrations::inFlight);
        ComputeService service = compute.computeService(site, host).orElseThrow(() -> new IllegalStateException("site " + site.name()
                + ": host " + host + " has no nova-compute service any more"));
        String aborted = "Drain of " + host + " on site " + site.name() + " aborted by " + ABORTED_BY.find(execution).orElse("an ops lead")
                + " (\"" + ABORT_NOTE.find(execution).orElse("") + "\"); " + DrainSummaries.approval(execution) + ". ";
        REMAINING_INSTANCES.set(execution, DrainSummaries.states(onHost));
        DRAINED.set(execution, false);
        if (left == 0 && !moving && DISABLED_BY_RUN.find(execution).orElse(false) && !service.enabled()) {
            compute.enableComputeService(site, host);
            RunLog.record(execution, "PUT /os-services/enable {host: " + host + ", binary: nova-compute}", host, "enabled again", null, "nothing had moved");
            RunLog.summarise(execution, aborted + "Nothing had moved, so its nova-compute service was enabled again.");
            return;
        }
        String why = left > 0 || moving ? left + " instance(s) had left the host (" + DrainSummaries.moves(MOVED_INSTANCES.find(execution)
                .orElse(new InstanceMoves(List.of()))) + ")" + (moving ? " and some are still moving" : "")
                : "this run did not disable it";
        RunLog.record(execution, "GET /servers/detail?all_tenants=1&host=" + host, host, "left " + (service.enabled() ? "enabled" : "disabled"), null, why);
        RunLog.summarise(execution, aborted + "Its nova-compute service is left " + (service.enabled() ? "enabled" : "disabled") + ": " + why
                + ". Still on the host: " + DrainSummaries.states(onHost).describe() + ". Return it with return-compute-node once it is sorted out.");
    }
}
