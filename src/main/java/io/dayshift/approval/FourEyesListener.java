package io.dayshift.approval;

import static io.dayshift.approval.Approvals.APPROVAL_REASON;
import static io.dayshift.approval.Approvals.APPROVAL_STATUS;
import static io.dayshift.approval.Approvals.APPROVE;
import static io.dayshift.approval.Approvals.APPROVED;
import static io.dayshift.approval.Approvals.DECISIONS;
import static io.dayshift.approval.Approvals.PLAN_FINGERPRINT;
import static io.dayshift.approval.Approvals.REQUESTER;

import io.dayshift.approval.Approvals.Decisions;
import io.dayshift.engine.StartedBy;
import io.dayshift.evidence.Decision;
import io.dayshift.evidence.DecisionJournal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * The rules of an approval step, in the engine, whatever the client (Tasklist, REST, Java):
 * <ul>
 *   <li>opened: offered to the groups the site's settings name ({@link ApprovalPolicy}), with the plan's fingerprint and
 *       who must still approve as task variables the form shows, and no decision left from an earlier one;</li>
 *   <li>claimed or completed only by a member of those groups (or an administrator) who did not start the run (the engine's own record of
 *       who started its root run, not a variable), did not ask for the decision ({@link Approvals#REQUESTER}) and has
 *       not already approved in this round;</li>
 *   <li>completed with {@code approve} and a non-blank {@code approvalReason}, on the plan that was shown (its
 *       fingerprint unchanged), and recorded with the approver's name; the form's two fields are then removed from
 *       the run, so that no later form opens with this approver's words, and journaled in the run's evidence
 *       ({@link DecisionJournal}: who, when, the decision, the reason and the plan's fingerprint). The round is decided
 *       ({@link Approvals#APPROVED}) at the first rejection or once the required number of distinct people approved.</li>
 * </ul>
 */
class FourEyesListener implements TaskListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ApprovalPolicy policy;
    private final Clock clock;
    private final ActivityImpl step;
    private final Supplier<DecisionJournal> journal;

    FourEyesListener(ApprovalPolicy policy, Clock clock, ActivityImpl step, Supplier<DecisionJournal> journal) {
        this.journal = journal;
        this.policy = policy;
        this.clock = clock;
        this.step = step;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> open(task);
            case EVENTNAME_ASSIGNMENT -> {
                if (task.getAssignee() != null) {
                    refuseUnlessMayDecide(task, task.getAssignee(), "claim");
                }
            }
            case EVENTNAME_COMPLETE -> decide(task);
            default -> {
            }
        }
    }

    private void open(DelegateTask task) {
        ApprovalRule rule = rule(task);
        if (!rule.groups().equals(ApprovalRule.DEFAULT.groups())) {
            task.deleteCandidateGroup(Approvals.APPROVERS);
            rule.groups().forEach(task::addCandidateGroup);
        }
        task.getExecution().removeVariable(APPROVED.name());
        ApprovalSteps.fingerprint(task.getExecution(), step).ifPresent(fingerprint -> PLAN_FINGERPRINT.setLocal(task, fingerprint));
        String status = status(rule, task);
        APPROVAL_STATUS.setLocal(task, status);
        // what is decided (the model's documentation, which the engine made the description) first, then who may decide it
        String decided = task.getDescription();
        task.setDescription(decided == null || decided.isBlank() || decided.contains(status) ? status : decided.strip() + "\n\n" + status);
    }

    private void decide(DelegateTask task) {
        String approver = decidingUser(task);
        refuseUnlessMayDecide(task, approver, "complete");
        Boolean approve = APPROVE.find(task).orElse(null);
        String reason = APPROVAL_REASON.find(task).map(String::strip).orElse("");
        if (approve == null) {
            throw new FormFieldValidationException(APPROVE.name(), "'" + task.getName() + "' needs a decision: tick approve, or leave it unticked to reject");
        }
        if (reason.isEmpty()) {
            throw new FormFieldValidationException(APPROVAL_REASON.name(), "'" + task.getName() + "' needs your reason for the decision");
        }
        String shown = PLAN_FINGERPRINT.findLocal(task).orElse(null);
        String now = ApprovalSteps.fingerprint(task.getExecution(), step).orElse(null);
        if (!Objects.equals(shown, now)) {
            throw new FormFieldValidationException(PLAN_FINGERPRINT.name(), "The plan of '" + task.getName() + "' changed after it was shown (shown " + shown + ", now " + now
                    + "): nothing was decided. Open the task again to read the plan as it is now.");
        }
        ApprovalRule rule = rule(task);
        DelegateExecution run = task.getExecution().getProcessInstance();
        Decisions decisions = DECISIONS.find(task).orElse(new Decisions(List.of()))
                .with(new ApprovalDecision(task.getTaskDefinitionKey(), approver, approve, reason, clock.instant(), now, round(task), rule.required()));
        DECISIONS.set(run, decisions);
        journal.get().record(task.getExecution(), task.getTaskDefinitionKey(), new Decision(Decision.APPROVAL, approver,
                approve ? "approved" : "rejected", Optional.ofNullable(task.getVariable("site")).map(Object::toString).orElse(""), reason, now));
        task.getExecution().removeVariable(APPROVE.name());
        task.getExecution().removeVariable(APPROVAL_REASON.name());
        if (!approve) {
            APPROVED.set(task.getExecution(), false);
        } else if (Plans.approvedPlan(decisions, task.getTaskDefinitionKey()).isPresent()) {
            APPROVED.set(task.getExecution(), true);
        }
    }

    private ApprovalRule rule(DelegateTask task) {
        String site = Optional.ofNullable(task.getVariable("site")).map(Object::toString).orElse(null);
        String runbook = ((ExecutionEntity) task.getExecution()).getProcessDefinition().getKey();
        return policy.rule(site, runbook, task.getTaskDefinitionKey());
    }

    /** The decisions of this round of the step: this visit of the task, however often it opened again for more approvals. */
    private static String round(DelegateTask task) {
        return task.getExecution().getActivityInstanceId();
    }

    private static List<ApprovalDecision> roundDecisions(DelegateTask task) {
        return DECISIONS.find(task).map(d -> d.round(task.getTaskDefinitionKey(), round(task))).orElse(List.of());
    }

    private String status(ApprovalRule rule, DelegateTask task) {
        List<ApprovalDecision> approvals = roundDecisions(task).stream().filter(ApprovalDecision::approved).toList();
        if (approvals.isEmpty()) {
            return "Needs " + rule.describe() + ", none of them who started the run or asked for the decision.";
        }
        long missing = Math.max(0, rule.required() - approvals.stream().map(ApprovalDecision::approver).distinct().count());
        return "Needs " + rule.describe() + ". Approved so far: " + approvals.stream()
                .map(d -> d.approver() + " at " + TIME.format(d.decidedAt()) + " (" + d.reason() + ")").collect(Collectors.joining("; "))
                + ". Still needed: " + missing + ", from someone else.";
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

    private static void refuseUnlessMayDecide(DelegateTask task, String user, String what) {
        if (user.equals(StartedBy.of(task.getExecution()).orElse(null))) {
            throw new AuthorizationException("Four-eyes rule: " + user + " started this run and cannot " + what
                    + " its approval '" + task.getName() + "'; another approver must decide.");
        }
        if (user.equals(REQUESTER.find(task).orElse(null))) {
            throw new AuthorizationException("Four-eyes rule: " + user + " asked for what '" + task.getName()
                    + "' decides and cannot " + what + " it; another approver must decide.");
        }
        if (roundDecisions(task).stream().anyMatch(d -> d.approved() && d.approver().equals(user))) {
            throw new AuthorizationException("Four-eyes rule: " + user + " has already approved '" + task.getName()
                    + "' in this round; the remaining approvals must come from other people.");
        }
        List<String> groups = task.getCandidates().stream().filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).filter(Objects::nonNull).toList();
        if (!memberOfAny(task, user, groups)) {
            throw new AuthorizationException("Approval rule: " + user + " cannot " + what + " '" + task.getName()
                    + "': only members of " + String.join(" or ", groups) + " (or an administrator) decide it.");
        }
    }

    /** A member of one of the groups, or an administrator (who may decide an approval, under the same four-eyes rule). */
    private static boolean memberOfAny(DelegateTask task, String user, List<String> groups) {
        List<Group> memberships = Context.getCommandContext().runWithoutAuthorization(() ->
                task.getProcessEngineServices().getIdentityService().createGroupQuery().groupMember(user).list());
        List<String> administrators = Context.getProcessEngineConfiguration().getAdminGroups();
        return memberships.stream().map(Group::getId).anyMatch(group -> groups.contains(group) || administrators.contains(group));
    }
}
