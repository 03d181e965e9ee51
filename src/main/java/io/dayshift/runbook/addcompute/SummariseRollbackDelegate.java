package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.FAILURE_REPORT;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.UNIT;

import io.dayshift.engine.RunLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SummariseRollback}: what failed, what was undone, who approved it. */
@Component("summariseRollback")
class SummariseRollbackDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        String host = MACHINE.get(execution);
        String undone = UNIT.find(execution).map(u -> "unit " + u + " and its Juju machine removed")
                .orElse(host + " taken out of the inventory's [compute] group");
        String failure = FAILURE_REPORT.find(execution).map(r -> r.lines().findFirst().orElse("")).orElse("");
        RunLog.summarise(execution, "Rolled back: " + host + " was not added to site " + SITE.get(execution) + ". " + failure + " Its nova-compute"
                + " service (if any) was disabled, " + undone + ", and the machine released in MAAS. "
                + SummariseAdditionDelegate.approvals(execution));
        Steps.record(execution, "summary", host, "rolled back", "");
    }
}
