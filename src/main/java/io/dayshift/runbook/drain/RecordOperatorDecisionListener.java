package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNodeVariables.ABORTED_BY;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.ABORT_NOTE;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.DECISION;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.INSTANCE_ID;
import static io.dayshift.runbook.drain.DrainComputeNodeVariables.NOTE;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing an operator task of drain-compute-node or return-compute-node: the decision must be one the task offers,
 * with a note, by a named user; it is recorded in the steps (and an abort in {@code abortedBy}/{@code abortNote}).
 */
@Component("recordOperatorDecision")
class RecordOperatorDecisionListener implements TaskListener {

    private static final Map<String, List<String>> ALLOWED = Map.of(
            DrainComputeNodeIds.DECIDE_FAILED_MIGRATION, List.of(DrainComputeNodeIds.RETRY, DrainComputeNodeIds.SKIP, DrainComputeNodeIds.ABORT),
            DrainComputeNodeIds.DECIDE_HOST_NOT_EMPTY, List.of(DrainComputeNodeIds.RECHECK, DrainComputeNodeIds.FINISH),
            ReturnComputeNodeIds.DECIDE_SERVICE_NOT_READY, List.of(ReturnComputeNodeIds.RECHECK, ReturnComputeNodeIds.FINISH));

    @Override
    public void notify(DelegateTask task) {
        List<String> allowed = ALLOWED.getOrDefault(task.getTaskDefinitionKey(), List.of());
        String decision = DECISION.find(task).map(String::strip).orElse("");
        String note = NOTE.find(task).map(String::strip).orElse("");
        if (!allowed.contains(decision)) {
            throw new FormFieldValidationException(DECISION.name(), "'" + task.getName() + "' needs a decision: " + String.join(", ", allowed));
        }
        if (note.isEmpty()) {
            throw new FormFieldValidationException(NOTE.name(), "'" + task.getName() + "' needs a note saying why");
        }
        String user = decidingUser(task);
        if (decision.equals(DrainComputeNodeIds.ABORT)) {
            ABORTED_BY.set(task.getExecution().getProcessInstance(), user);
            ABORT_NOTE.set(task.getExecution().getProcessInstance(), note);
        }
        String target = INSTANCE_ID.find(task).orElse(DrainComputeNodeVariables.HOST.find(task).orElse(""));
        Steps.record(task.getExecution(), task.getTaskDefinitionKey(), "operator decision: " + decision, target, decision + " (by " + user + ")", note);
    }

    private static String decidingUser(DelegateTask task) {
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String user = current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
        if (user == null) {
            throw new AuthorizationException("'" + task.getName() + "' must be decided by a named user: claim it first");
        }
        return user;
    }
}
