package io.dayshift.approval;

import io.dayshift.engine.ProcessVariable;
import java.util.List;

/** The variables of the approval model every runbook uses. */
public final class Approvals {

    /** The group that approves destructive steps. */
    public static final String APPROVERS = "approvers";
    /** Who started the run ({@code camunda:initiator} on every runbook's start event). */
    public static final ProcessVariable<String> INITIATOR = ProcessVariable.string("initiator");
    /**
     * Who asked for the decision at hand when that is not the initiator: the ops lead who chose a mitigation, the
     * incident that requested a rollback. Like the initiator, they cannot decide it.
     */
    public static final ProcessVariable<String> REQUESTER = ProcessVariable.string("requestedBy");
    /** The approval form's decision; the gateway after the task reads it. */
    public static final ProcessVariable<Boolean> APPROVED = ProcessVariable.bool("approved");
    /** The approval form's reason, required for approval and rejection alike. */
    public static final ProcessVariable<String> REASON = ProcessVariable.string("reason");
    /** Every decision of the run, in order. */
    public static final ProcessVariable<Decisions> DECISIONS = ProcessVariable.json("approvals", Decisions.class);

    private Approvals() {
    }

    public record Decisions(List<ApprovalDecision> decisions) {
        public Decisions {
            decisions = decisions == null ? List.of() : List.copyOf(decisions);
        }
    }
}
