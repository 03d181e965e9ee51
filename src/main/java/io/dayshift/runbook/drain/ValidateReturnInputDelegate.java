package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.OPERATOR_REASON;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.REASON;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.drain.ReturnComputeNode.Variables.RETURNED;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ValidateInput} of return-compute-node: the same checks as the drain's; else {@code INPUT_REJECTED}. */
@Component("validateReturnInput")
class ValidateReturnInputDelegate implements JavaDelegate {

    private final HostInputCheck check;

    ValidateReturnInputDelegate(Sites sites, ComputeCloud compute) {
        this.check = new HostInputCheck(sites, compute);
    }

    @Override
    public void execute(DelegateExecution execution) {
        RETURNED.set(execution, false);
        String host = HOST.find(execution).orElse("");
        HostInputCheck.Result result = check.check(SITE.find(execution).orElse(""), host, REASON.find(execution).orElse(""));
        if (!result.accepted()) {
            String message = result.problems().message(HostInputCheck.REFUSED);
            RunLog.record(execution, "GET /os-services (check the input)", host, "rejected", null, message);
            throw new BpmnError(ReturnComputeNode.INPUT_REJECTED, message);
        }
        OPERATOR_REASON.set(execution, REASON.get(execution).strip());
        RunLog.record(execution, "GET /os-services (check the input)", host, "accepted", null, "nova-compute on " + host + ": "
                + result.service().map(s -> (s.enabled() ? "enabled" : "disabled (" + s.disabledReason().orElse("no reason") + ")")
                + ", " + (s.up() ? "up" : "down")).orElse(""));
    }
}
