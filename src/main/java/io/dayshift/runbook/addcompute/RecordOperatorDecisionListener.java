package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.ATTEMPT;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.DECISION;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.NOTE;

import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing {@code Task_DecideFailure}: the decision must be {@code retry} or {@code roll-back} with a note; it is
 * recorded with the operator's name, and a retry counts one more attempt (so detached runs get new run ids).
 */
@Component("recordAddComputeDecision")
class RecordOperatorDecisionListener implements TaskListener {

    private static final Set<String> DECISIONS = Set.of(AddComputeNodeIds.RETRY, AddComputeNodeIds.ROLL_BACK);

    @Override
    public void notify(DelegateTask task) {
        String decision = DECISION.find(task).orElse("");
        String note = NOTE.find(task).map(String::strip).orElse("");
        if (!DECISIONS.contains(decision)) {
            throw new FormFieldValidationException(DECISION.name(), "decide 'retry' or 'roll-back', not '" + decision + "'");
        }
        if (note.isEmpty()) {
            throw new FormFieldValidationException(NOTE.name(), "say why in the note");
        }
        if (decision.equals(AddComputeNodeIds.RETRY)) {
            ATTEMPT.set(task.getExecution().getProcessInstance(), ATTEMPT.get(task) + 1);
        }
        DECISION.set(task.getExecution(), decision);
        Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String who = user != null && user.getUserId() != null ? user.getUserId() : String.valueOf(task.getAssignee());
        RunLog.record(task.getExecution(), new StepRecord(task.getTaskDefinitionKey(), "operator decision", MACHINE.get(task),
                decision + " by " + who, null, note, Steps.now()));
    }
}
