package io.dayshift.approval;

import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * Built into every step that carries out an approved plan ({@code <camunda:property name="carries-out"
 * value="Task_ApprovePlan"/>}): before the step does anything, the plan the run holds must be the one the last round of
 * that approval approved. If not, the step refuses and does nothing; it raises an incident after its retries, because a
 * runbook looks at the site again and goes back for approval ({@link Plans}) before it reaches such a step. A run that
 * has no decision of that approval and was called by another run works under its caller's approval, which the runbook
 * checks as it starts.
 */
class PlanCheck implements ExecutionListener {

    private final String approvalStep;

    PlanCheck(String approvalStep) {
        this.approvalStep = approvalStep;
    }

    @Override
    public void notify(DelegateExecution execution) {
        boolean decided = Approvals.DECISIONS.find(execution).flatMap(d -> d.last(approvalStep)).isPresent();
        if (!decided && execution.getProcessInstance().getSuperExecution() != null) {
            return;
        }
        if (!Plans.approved(execution, approvalStep)) {
            ActivityImpl approval = ApprovalSteps.step(execution, approvalStep);
            String approved = Approvals.DECISIONS.find(execution).flatMap(d -> d.last(approvalStep))
                    .map(d -> Objects.toString(d.planFingerprint(), "no plan")).orElse("none");
            throw new AuthorizationException("Rule 'approved plan only': '" + execution.getCurrentActivityName() + "' carries out the plan of '"
                    + ApprovalSteps.name(approval) + "', and the plan this run holds (" + ApprovalSteps.fingerprint(execution, approval).orElse("no plan")
                    + ") is not one its approvers approved (last decision on " + approved + "); the step did nothing.");
        }
    }
}
