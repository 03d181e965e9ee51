package io.dayshift.approval;

import io.dayshift.engine.ProcessVariable;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The variables of the approval model every runbook uses. */
public final class Approvals {

    /** The group that approves destructive steps: an approval step is a user task offered to it in the model. */
    public static final String APPROVERS = "approvers";
    /** Who started the run ({@code camunda:initiator} on every runbook's start event): for summaries; the rule reads the engine's record. */
    public static final ProcessVariable<String> INITIATOR = ProcessVariable.string("initiator");
    /**
     * Who asked for the decision at hand when that is not the initiator: the ops lead who chose a mitigation, the
     * incident that requested a rollback. Like the initiator, they cannot decide it.
     */
    public static final ProcessVariable<String> REQUESTER = ProcessVariable.string("requestedBy");
    /** The outcome of the last approval step, set once its round is decided; the gateway after the task reads it. */
    public static final ProcessVariable<Boolean> APPROVED = ProcessVariable.bool("approved");
    /** The approval form's tick box; read and removed when the task completes, so the next form opens empty. */
    public static final ProcessVariable<Boolean> APPROVE = ProcessVariable.bool("approve");
    /** The approval form's reason, required for approval and rejection alike; read and removed like {@link #APPROVE}. */
    public static final ProcessVariable<String> APPROVAL_REASON = ProcessVariable.string("approvalReason");
    /** Every decision of the run, in order. */
    public static final ProcessVariable<Decisions> DECISIONS = ProcessVariable.json("approvals", Decisions.class);
    /** Task-local: the fingerprint of the plan the approval form shows. */
    public static final ProcessVariable<String> PLAN_FINGERPRINT = ProcessVariable.string("planFingerprint");
    /** Task-local: who must approve, how many, who has already approved in this round. */
    public static final ProcessVariable<String> APPROVAL_STATUS = ProcessVariable.string("approvalStatus");
    /** The extension property of an approval step naming the variables that make up its plan, comma-separated. */
    public static final String PLAN_PROPERTY = "plan";
    /** The extension property of a step that carries out an approved plan: the approval step's id. */
    public static final String CARRIES_OUT_PROPERTY = "carries-out";

    private Approvals() {
    }

    /** The run's last decision on any approval step, e.g. for the summary of a rejection. */
    public static Optional<ApprovalDecision> lastDecision(VariableScope run) {
        return DECISIONS.find(run).flatMap(d -> d.decisions().stream().reduce((a, b) -> b));
    }

    public record Decisions(List<ApprovalDecision> decisions) {
        public Decisions {
            decisions = decisions == null ? List.of() : List.copyOf(decisions);
        }

        /** The last decision of {@code task}, approving or not. */
        public Optional<ApprovalDecision> last(String task) {
            return decisions.stream().filter(d -> d.task().equals(task)).reduce((a, b) -> b);
        }

        /** The decisions of one round of an approval step, in order. */
        List<ApprovalDecision> round(String task, String round) {
            return decisions.stream().filter(d -> d.task().equals(task) && round.equals(d.round())).toList();
        }

        Decisions with(ApprovalDecision decision) {
            List<ApprovalDecision> all = new java.util.ArrayList<>(decisions);
            all.add(decision);
            return new Decisions(all);
        }
    }
}
