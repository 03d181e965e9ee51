package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.UNIT;

import io.dayshift.engine.RunLog;
import io.dayshift.runbook.await.AwaitOperation;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SummariseRollback}: what failed (the awaited operation and what its last look found), what was undone, who approved it. */
@Component("summariseRollback")
class SummariseRollbackDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        String host = MACHINE.get(execution);
        String undone = UNIT.find(execution).map(u -> "unit " + u + " and its Juju machine removed")
                .orElse(host + " taken out of the inventory's [compute] group");
        RunLog.summarise(execution, "Rolled back: " + host + " was not added to site " + SITE.get(execution) + ". " + failure(execution)
                + " Its nova-compute service (if any) was disabled, " + undone + ", and the machine released in MAAS. "
                + SummariseAdditionDelegate.approvals(execution));
        RunLog.record(execution, "summary", host, "rolled back", null, "");
    }

    /** {@code Failed: <operation>. <first line of the last look>} or {@code Not done by the deadline: …}. */
    private static String failure(DelegateExecution execution) {
        return AwaitOperation.OPERATION.find(execution).map(operation -> {
            boolean overdue = AwaitOperation.OUTCOME.find(execution).filter(AwaitOperation.TIMED_OUT::equals).isPresent();
            String seen = AwaitOperation.DETAIL.find(execution).flatMap(d -> d.lines().findFirst()).map(l -> " Last seen: " + l + ".").orElse("");
            return (overdue ? "Not done by the deadline: " : "Failed: ") + operation.description() + "." + seen;
        }).orElse("");
    }
}
