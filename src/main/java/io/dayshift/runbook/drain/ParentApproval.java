package io.dayshift.runbook.drain;

import io.dayshift.approval.ApprovalDecision;
import io.dayshift.approval.Approvals;
import io.dayshift.approval.Plans;
import io.dayshift.engine.RunLog;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * A drain run under the approval of the run that called it (directly, or through a part of that run such as one batch
 * of rolling-upgrade): the calling run must be a run of a
 * runbook allowed to approve drains ({@code rolling-upgrade}), its decisions ({@code approvals}, written only by the
 * engine's four-eyes listener) must hold an approval of the named task for the plan it holds now (its fingerprint), and
 * that plan must list this host
 * ({@code plannedHosts}). A drain started by hand with {@code parentApproval} has no calling run and is refused.
 */
final class ParentApproval {

    /** The runbooks whose plan approval covers the drains they call. */
    static final Set<String> APPROVING_PROCESSES = Set.of("rolling-upgrade");
    static final String PLANNED_HOSTS = "plannedHosts";

    private ParentApproval() {
    }

    static Optional<String> problem(DelegateExecution execution, String task, String host) {
        DelegateExecution parent = callingRun(execution);
        if (parent == null) {
            return Optional.of("parentApproval '" + task + "' names a calling run's approval, but this drain was not started by another run");
        }
        String key = processKey(parent);
        if (!APPROVING_PROCESSES.contains(key)) {
            return Optional.of("the calling run (" + key + ") is not one whose approval covers a drain (" + String.join(", ", APPROVING_PROCESSES) + ")");
        }
        if (!Plans.approved(parent, task)) {
            return Optional.of("the calling run " + parent.getProcessInstanceId() + " has no approval of " + task + " for the plan it holds now");
        }
        Object planned = parent.getVariable(PLANNED_HOSTS);
        if (!(planned instanceof String hosts) || Arrays.stream(hosts.split(",")).map(String::strip).noneMatch(host::equals)) {
            return Optional.of("the plan approved in the calling run " + parent.getProcessInstanceId() + " does not list host " + host);
        }
        return Optional.empty();
    }

    static String describe(DelegateExecution execution, String task) {
        DelegateExecution parent = callingRun(execution);
        return approval(parent, task).map(d -> processKey(parent) + " run " + parent.getProcessInstanceId() + ": " + task + " approved by " + d.approver()
                + " at " + d.decidedAt() + " (" + d.reason() + ")").orElse("");
    }

    /** The run that called this drain (through a part of it, such as a batch of rolling-upgrade), or null when none did. */
    private static DelegateExecution callingRun(DelegateExecution execution) {
        DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
        return caller == null ? null : RunLog.run(caller);
    }

    private static Optional<ApprovalDecision> approval(DelegateExecution parent, String task) {
        return Approvals.DECISIONS.find(parent).flatMap(d -> d.decisions().stream().filter(x -> x.task().equals(task)).reduce((a, b) -> b))
                .filter(ApprovalDecision::approved);
    }

    private static String processKey(DelegateExecution execution) {
        String id = execution.getProcessDefinitionId();
        return id == null ? "" : id.substring(0, Math.max(0, id.indexOf(':')));
    }
}
