package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.drain.ReturnComputeNode.Variables.ENABLED_BY_RUN;
import static io.dayshift.runbook.drain.ReturnComputeNode.Variables.EVIDENCE;
import static io.dayshift.runbook.drain.ReturnComputeNode.Variables.KEPT_DISABLED;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_EnableComputeService} of return-compute-node: enables the host's nova-compute unless it already is, and only
 * when a Dayshift drain took it out of service ({@link OutOfService}) — the drain of the calling run when another run (a
 * rolling upgrade) called this one. A host disabled for another reason keeps its state and reason: {@code keptDisabled}.
 */
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
        KEPT_DISABLED.set(execution, false);
        if (before.enabled()) {
            ENABLED_BY_RUN.set(execution, false);
            RunLog.record(execution, "GET /os-services?binary=nova-compute&host=" + host, host, "already enabled, not enabled again", null, "up " + before.up());
            return;
        }
        String reason = before.disabledReason().orElse("");
        Optional<String> takenOutBy = OutOfService.takenOutBy(reason);
        boolean ours = Runs.called(execution) ? takenOutBy.filter(Runs.topRunId(execution)::equals).isPresent() : takenOutBy.isPresent();
        if (!ours) {
            ENABLED_BY_RUN.set(execution, false);
            KEPT_DISABLED.set(execution, true);
            EVIDENCE.set(execution, "nova-compute disabled: \"" + reason + "\"");
            RunLog.record(execution, "GET /os-services?binary=nova-compute&host=" + host, host, "kept disabled, not enabled", null,
                    "disabled for another reason than " + (Runs.called(execution) ? "the calling run's drain" : "a Dayshift drain") + ": \"" + reason + "\"");
            return;
        }
        ComputeService after = compute.enableComputeService(site, host);
        ENABLED_BY_RUN.set(execution, true);
        RunLog.record(execution, "PUT /os-services/enable {host: " + host + ", binary: nova-compute}", host, after.enabled() ? "enabled" : "still disabled", null,
                "was disabled: " + before.disabledReason().orElse("(no reason)"));
    }
}
