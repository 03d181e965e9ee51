package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.upgrade.RollingUpgradeVariables.*;

import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing an ops lead's task of {@code rolling-upgrade}: the decision must be one the task offers, with a note; it is
 * recorded with the operator's name. A retry counts one more attempt (new kolla run ids); {@code roll-back} and
 * {@code stop} halt the upgrade and are kept, with who and why, at the process's level for {@code Gateway_HaltDecision}.
 */
@Component("recordUpgradeDecision")
class RecordUpgradeDecisionListener implements TaskListener {

    private static final List<String> FAILURE = List.of(RollingUpgradeIds.RETRY, RollingUpgradeIds.ROLL_BACK, RollingUpgradeIds.STOP);
    private static final Map<String, List<String>> DECISIONS = Map.of(RollingUpgradeIds.DECIDE_WINDOW_CLOSED,
            List.of(RollingUpgradeIds.CONTINUE, RollingUpgradeIds.STOP), RollingUpgradeIds.DECIDE_DRAIN_FAILURE,
            List.of(RollingUpgradeIds.RETRY, RollingUpgradeIds.PROCEED, RollingUpgradeIds.ROLL_BACK, RollingUpgradeIds.STOP), RollingUpgradeIds.HAND_OVER_UPGRADE, List.of());

    @Override
    public void notify(DelegateTask task) {
        List<String> allowed = DECISIONS.getOrDefault(task.getTaskDefinitionKey(), FAILURE);
        String decision = allowed.isEmpty() ? "done" : DECISION.find(task).orElse("");
        String note = NOTE.find(task).map(String::strip).orElse("");
        if (!allowed.isEmpty() && !allowed.contains(decision)) {
            throw new FormFieldValidationException(DECISION.name(), "decide " + String.join(", ", allowed.stream().map(d -> "'" + d + "'").toList())
                    + ", not '" + decision + "'");
        }
        if (note.isEmpty()) {
            throw new FormFieldValidationException(NOTE.name(), "say why in the note");
        }
        Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String who = user != null && user.getUserId() != null ? user.getUserId() : String.valueOf(task.getAssignee());
        if (decision.equals(RollingUpgradeIds.RETRY)) {
            ATTEMPT.set(task.getExecution(), ATTEMPT.find(task).orElse(1L) + 1);
        }
        if (decision.equals(RollingUpgradeIds.ROLL_BACK) || decision.equals(RollingUpgradeIds.STOP)) {
            HALT_DECISION.set(task.getExecution().getProcessInstance(), decision);
            HALTED.set(task.getExecution().getProcessInstance(), decision + " decided by " + who + " at " + task.getName() + ": " + note);
        }
        if (!allowed.isEmpty()) {
            DECISION.set(task.getExecution(), decision);
        }
        RunLog.record(task.getExecution(), new StepRecord(task.getTaskDefinitionKey(), "operator decision", task.getName(), decision + " by " + who,
                null, note, Steps.now()));
    }
}
