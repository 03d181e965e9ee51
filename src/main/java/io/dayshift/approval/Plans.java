package io.dayshift.approval;

import io.dayshift.approval.Approvals.Decisions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.springframework.stereotype.Component;

/**
 * Whether a run's plan is still the one its approvers approved. Bean {@code plans}: a runbook that looks at the site
 * again after its approval asks {@code ${plans.asApproved(execution, 'Task_ApprovePlan')}} and goes back for approval
 * when the answer is no.
 */
@Component("plans")
public class Plans {

    /** True when the last round of {@code approvalStep} approved and the plan it approved is the run's plan now. */
    public boolean asApproved(DelegateExecution execution, String approvalStep) {
        return approved(execution, approvalStep);
    }

    /** {@link #asApproved}, for code that checks another run's approval (a part working under its caller's). */
    public static boolean approved(DelegateExecution run, String approvalStep) {
        ActivityImpl step = ApprovalSteps.step(run, approvalStep);
        Decisions decisions = Approvals.DECISIONS.find(run).orElse(new Decisions(List.of()));
        return approvedPlan(decisions, approvalStep)
                .map(approved -> Objects.equals(approved.orElse(null), ApprovalSteps.fingerprint(run, step).orElse(null)))
                .orElse(false);
    }

    /**
     * The plan the last round of {@code step} approved: empty when it did not approve (a rejection, too few approvals of
     * one plan); else its fingerprint (itself empty when the step has no plan).
     */
    static Optional<Optional<String>> approvedPlan(Decisions decisions, String step) {
        return decisions.last(step).filter(ApprovalDecision::approved).flatMap(last -> {
            List<ApprovalDecision> round = decisions.round(step, last.round());
            boolean rejected = round.stream().anyMatch(d -> !d.approved());
            long approvers = round.stream().filter(d -> Objects.equals(d.planFingerprint(), last.planFingerprint()))
                    .map(ApprovalDecision::approver).distinct().count();
            return rejected || approvers < last.required() ? Optional.empty() : Optional.of(Optional.ofNullable(last.planFingerprint()));
        });
    }
}
