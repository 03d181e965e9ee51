package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestoreVariables.DECISION;
import static io.dayshift.runbook.restore.DrRestoreVariables.NOTE;
import static io.dayshift.runbook.restore.DrRestoreVariables.SITE;

import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** On completing an ops-lead task of dr-restore: the decision is one the task offers, a note says why, and both are recorded with the user. */
@Component("recordRestoreDecision")
class RecordRestoreDecisionListener implements TaskListener {

    private static final Map<String, List<String>> ALLOWED = Map.of(
            DrRestoreIds.CONFIRM_INFRASTRUCTURE, List.of(DrRestoreIds.READY, DrRestoreIds.NOT_READY),
            DrRestoreIds.DECIDE_ROW_MISMATCH, List.of(DrRestoreIds.ACCEPT, DrRestoreIds.ABANDON),
            DrRestoreIds.DECIDE_RESTORE_FAILURE, List.of(DrRestoreIds.RETRY, DrRestoreIds.ABANDON),
            DrRestoreIds.ACKNOWLEDGE_FIRST_ESCALATION, List.of("acknowledged"),
            DrRestoreIds.ACKNOWLEDGE_SECOND_ESCALATION, List.of("acknowledged"),
            DrRestoreIds.ACKNOWLEDGE_RTO_BREACHED, List.of("acknowledged"));

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
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String user = current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
        if (user == null) {
            throw new AuthorizationException("'" + task.getName() + "' must be decided by a named user: claim it first");
        }
        if (task.getTaskDefinitionKey().equals(DrRestoreIds.DECIDE_ROW_MISMATCH)) {
            DrRestoreVariables.ABANDONED.set(task.getExecution().getProcessInstance(), decision.equals(DrRestoreIds.ABANDON));
        }
        RunLog.record(task.getExecution(), new StepRecord(task.getTaskDefinitionKey(), "operator decision: " + decision, SITE.find(task).orElse(""),
                decision + " (by " + user + ")", null, note, Steps.now()));
    }
}
