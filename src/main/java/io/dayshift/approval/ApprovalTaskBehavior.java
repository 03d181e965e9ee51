package io.dayshift.approval;

import io.dayshift.approval.Approvals.Decisions;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.camunda.bpm.engine.impl.task.TaskDecorator;

/**
 * An approval step is left only by its decision: once its round is decided ({@link Approvals#APPROVED} set by the
 * four-eyes listener, at the first rejection or the last required approval). While a round still needs approvals, the
 * completed task opens again for the next approver, in the same step of the model. Anything else that tries to move the
 * run past the step (signalling its execution) is refused.
 */
class ApprovalTaskBehavior extends UserTaskActivityBehavior {

    ApprovalTaskBehavior(TaskDecorator taskDecorator) {
        super(taskDecorator);
    }

    @Override
    public void signal(ActivityExecution execution, String signalName, Object signalData) throws Exception {
        if (Approvals.APPROVED.find(execution).isPresent()) {
            super.signal(execution, signalName, signalData);
            return;
        }
        String step = execution.getActivity().getId();
        boolean decidedInThisRound = !Approvals.DECISIONS.find(execution).orElse(new Decisions(List.of()))
                .round(step, execution.getActivityInstanceId()).isEmpty();
        if (!decidedInThisRound || !((ExecutionEntity) execution).getTasks().isEmpty()) {
            throw new AuthorizationException("Rule 'no route around an approval': '" + execution.getActivity().getProperty("name")
                    + "' is left only by the decisions of its approvers.");
        }
        performExecution(execution);
    }
}
