package io.dayshift.runbook.drain;

import io.dayshift.engine.ProcessVariable;

/**
 * The variables of {@code drain-compute-node} (and the start variables {@code return-compute-node} shares). The output
 * contract a calling process (the rolling upgrade, as a call activity) reads: {@link #DRAINED}, {@link #MOVED_INSTANCES},
 * {@link #REMAINING_INSTANCES} and {@code summary}.
 */
public final class DrainComputeNodeVariables {

    // ---- start
    public static final ProcessVariable<String> SITE = ProcessVariable.string("site");
    public static final ProcessVariable<String> HOST = ProcessVariable.string("host");
    /** Why the host is drained; the approval form's {@code reason} (the approver's) later overwrites this variable. */
    public static final ProcessVariable<String> REASON = ProcessVariable.string("reason");

    /**
     * Optional, for a drain called by another run (the rolling upgrade): the id of the calling run's approval task whose
     * approved plan covers this host. The drain verifies it against its super process instance; it never trusts it.
     */
    public static final ProcessVariable<String> PARENT_APPROVAL = ProcessVariable.string("parentApproval");

    // ---- the run
    /** Set by {@code Task_ValidateInput} only: the calling run's plan approval was verified, so the drain asks for none of its own. */
    public static final ProcessVariable<Boolean> PARENT_APPROVED = ProcessVariable.bool("parentApproved");
    /** The start's {@code reason}, kept by {@code Task_ValidateInput}: the disabled reason given to Nova and shown to approvers. */
    public static final ProcessVariable<String> OPERATOR_REASON = ProcessVariable.string("operatorReason");
    public static final ProcessVariable<DrainInstances> INSTANCES = ProcessVariable.json("instances", DrainInstances.class);
    public static final ProcessVariable<DrainPlan> PLAN = ProcessVariable.json("plan", DrainPlan.class);
    /** {@code Gateway_CapacitySufficient} reads it. */
    public static final ProcessVariable<Boolean> CAPACITY_SUFFICIENT = ProcessVariable.bool("capacitySufficient");
    /** The plan as the approval form shows it: instance → expected target, the capacity figures, the reason. */
    public static final ProcessVariable<String> PLAN_SUMMARY = ProcessVariable.string("planSummary");
    /** This run disabled the compute service (it was enabled, or disabled with this run's reason). */
    public static final ProcessVariable<Boolean> DISABLED_BY_RUN = ProcessVariable.bool("disabledByRun");
    public static final ProcessVariable<Boolean> HOST_EMPTY = ProcessVariable.bool("hostEmpty");
    /** Who aborted the migrations, and why (set by the operator's decision). */
    public static final ProcessVariable<String> ABORTED_BY = ProcessVariable.string("abortedBy");
    public static final ProcessVariable<String> ABORT_NOTE = ProcessVariable.string("abortNote");

    // ---- per instance (local to one instance of SubProcess_MigrateInstance)
    public static final ProcessVariable<InstanceBatch> BATCH = ProcessVariable.json("batch", InstanceBatch.class);
    public static final ProcessVariable<String> INSTANCE_ID = ProcessVariable.string("instanceId");
    /** {@code live} or {@code cold}: the move in flight. */
    public static final ProcessVariable<String> MIGRATION_KIND = ProcessVariable.string("migrationKind");
    /** What the last step saw; the gateways read it (see {@link Outcome}). */
    public static final ProcessVariable<String> MIGRATION_OUTCOME = ProcessVariable.string("migrationOutcome");
    /** What the operator's form shows when a migration fails: the server and its newest migration. */
    public static final ProcessVariable<String> EVIDENCE = ProcessVariable.string("evidence");
    public static final ProcessVariable<String> DECISION = ProcessVariable.string("decision");
    public static final ProcessVariable<String> NOTE = ProcessVariable.string("note");

    // ---- output contract
    /** True only when the host ended empty with its compute service disabled. */
    public static final ProcessVariable<Boolean> DRAINED = ProcessVariable.bool("drained");
    public static final ProcessVariable<InstanceMoves> MOVED_INSTANCES = ProcessVariable.json("movedInstances", InstanceMoves.class);
    public static final ProcessVariable<InstanceStates> REMAINING_INSTANCES = ProcessVariable.json("remainingInstances", InstanceStates.class);

    /** The values of {@link #MIGRATION_OUTCOME}. */
    public static final class Outcome {
        public static final String STARTED = "started";
        public static final String ELSEWHERE = "elsewhere";
        public static final String REFUSED = "refused";
        public static final String MOVING = "moving";
        public static final String AWAITING_CONFIRMATION = "awaiting-confirmation";
        public static final String LIVE_FAILED = "live-failed";
        public static final String MOVED = "moved";
        public static final String FAILED = "failed";

        private Outcome() {
        }
    }

    public static final String LIVE = "live";
    public static final String COLD = "cold";

    private DrainComputeNodeVariables() {
    }
}
