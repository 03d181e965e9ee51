package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Variables.DRAINED;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.OPERATOR_REASON;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.PARENT_APPROVAL;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.PARENT_APPROVED;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.REASON;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Sites;
import java.util.Optional;
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
        PARENT_APPROVED.set(execution, false);
        String site = SITE.find(execution).orElse("");
        String host = HOST.find(execution).orElse("");
        HostInputCheck.Result result = check.check(site, host, REASON.find(execution).orElse(""));
        Optional<String> parent = PARENT_APPROVAL.find(execution).filter(p -> !p.isBlank());
        Optional<String> parentProblem = parent.flatMap(task -> ParentApproval.problem(execution, task, host));
        parentProblem.ifPresent(result.problems()::add);
        if (!result.accepted()) {
            String message = result.problems().message(HostInputCheck.REFUSED);
            RunLog.record(execution, "GET /os-services (check the input)", host, "rejected", null, message);
            throw new BpmnError(DrainComputeNode.INPUT_REJECTED, message);
        }
        OPERATOR_REASON.set(execution, REASON.get(execution).strip());
        PARENT_APPROVED.set(execution, parent.isPresent());
        parent.ifPresent(task -> RunLog.record(execution, "verify the calling run's approval " + task, host, "approved there", null,
                ParentApproval.describe(execution, task)));
        RunLog.record(execution, "GET /os-services (check the input)", host, "accepted", null, "nova-compute on " + host + ": "
                + result.service().map(s -> (s.enabled() ? "enabled" : "disabled") + ", " + (s.up() ? "up" : "down") + ", zone " + s.zone()).orElse(""));
    }
}
