package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.MACHINE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_DisableComputeService} (rollback): nothing is scheduled on the host while it is taken out; no service yet, nothing to do. */
@Component("disableNewComputeService")
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
        String host = MACHINE.get(execution);
        Optional<ComputeService> service = compute.computeService(site, host);
        if (service.isPresent() && service.get().enabled()) {
            String reason = "add-compute-node " + execution.getProcessInstanceId() + " rolled back";
            compute.disableComputeService(site, host, reason);
            RunLog.record(execution, "PUT /os-services (disable, reason: " + reason + ")", host, "disabled", null, "");
        } else {
            RunLog.record(execution, "GET /os-services?host=" + host, host, service.isPresent() ? "already disabled" : "no nova-compute service", null, "");
        }
    }
}
