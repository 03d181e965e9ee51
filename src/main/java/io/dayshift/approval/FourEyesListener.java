package io.dayshift.approval;

import static io.dayshift.approval.Approvals.APPROVED;
import static io.dayshift.approval.Approvals.DECISIONS;
import static io.dayshift.approval.Approvals.INITIATOR;
import static io.dayshift.approval.Approvals.REASON;
import static io.dayshift.approval.Approvals.REQUESTER;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * The four-eyes rule on approval tasks, in the engine: the person who started a run, and the person who
 * asked for the decision at hand ({@link Approvals#REQUESTER}), can neither claim nor complete it,
 * whatever the client (Tasklist, REST, Java). A decision needs
 * {@code approved} and a non-blank {@code reason}; it is recorded with the approver's name.
 */
class FourEyesListener implements TaskListener {

    private final Clock clock;

    FourEyesListener(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_ASSIGNMENT -> refuseOwnRequest(task, task.getAssignee(), "claim");
            case EVENTNAME_COMPLETE -> recordDecision(task);
            default -> {
            }
        }
    }

    private void recordDecision(DelegateTask task) {
        String approver = decidingUser(task);
        refuseOwnRequest(task, approver, "complete");
        Boolean approved = APPROVED.find(task).orElse(null);
        String reason = REASON.find(task).map(String::strip).orElse("");
        if (approved == null) {
            throw new FormFieldValidationException(APPROVED.name(), "'" + task.getName() + "' needs a decision: set approved to true or false");
        }
        if (reason.isEmpty()) {
            throw new FormFieldValidationException(REASON.name(), "'" + task.getName() + "' needs a reason for the decision");
        }
        List<ApprovalDecision> decisions = new ArrayList<>(DECISIONS.find(task).map(Approvals.Decisions::decisions).orElse(List.of()));
        decisions.add(new ApprovalDecision(task.getTaskDefinitionKey(), approver, approved, reason, clock.instant()));
        DECISIONS.set(task.getExecution().getProcessInstance(), new Approvals.Decisions(decisions));
        // the gateway reads the decision of this task, not an older one
        APPROVED.set(task.getExecution(), approved);
        REASON.set(task.getExecution(), reason);
    }

    /** The logged-in user completing the task; the assignee when the engine is driven without one. */
    private static String decidingUser(DelegateTask task) {
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String user = current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
        if (user == null) {
            throw new AuthorizationException("'" + task.getName() + "' must be decided by a named user: claim it first");
        }
        return user;
    }

    private static void refuseOwnRequest(DelegateTask task, String user, String what) {
        if (user == null) {
            return;
        }
        if (user.equals(INITIATOR.find(task).orElse(null))) {
            throw new AuthorizationException("Four-eyes rule: " + user + " started this run and cannot " + what
                    + " its approval '" + task.getName() + "'; another approver must decide.");
        }
        if (user.equals(REQUESTER.find(task).orElse(null))) {
            throw new AuthorizationException("Four-eyes rule: " + user + " asked for what '" + task.getName()
                    + "' decides and cannot " + what + " it; another approver must decide.");
        }
    }
}
