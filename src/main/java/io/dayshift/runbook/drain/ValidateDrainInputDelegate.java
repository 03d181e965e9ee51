package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNodeVariables.DRAINED;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.OPERATOR_REASON;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.REASON;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ValidateInput} of drain-compute-node: site, host, reason; else {@code INPUT_REJECTED}, nothing touched. */
@Component("validateDrainInput")
class ValidateDrainInputDelegate implements JavaDelegate {

    private final HostInputCheck check;

    ValidateDrainInputDelegate(Sites sites, ComputeCloud compute) {
        this.check = new HostInputCheck(sites, compute);
    }

    @Override
    public void execute(DelegateExecution execution) {
        DRAINED.set(execution, false);
        String site = SITE.find(execution).orElse("");
        String host = HOST.find(execution).orElse("");
        HostInputCheck.Result result = check.check(site, host, REASON.find(execution).orElse(""));
        if (!result.accepted()) {
            String message = "Input rejected, nothing was changed: " + String.join("; ", result.problems()) + ".";
            Steps.record(execution, "GET /os-services (check the input)", host, "rejected", message);
            throw new BpmnError(DrainComputeNodeIds.INPUT_REJECTED, message);
        }
        OPERATOR_REASON.set(execution, REASON.get(execution).strip());
        Steps.record(execution, "GET /os-services (check the input)", host, "accepted", "nova-compute on " + host + ": "
                + result.service().map(s -> (s.enabled() ? "enabled" : "disabled") + ", " + (s.up() ? "up" : "down") + ", zone " + s.zone()).orElse(""));
    }
}
