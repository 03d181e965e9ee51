package io.dayshift.runbook.drain;

/** The ids of {@code processes/drain-compute-node.bpmn} that code and tests use: process key, elements, error codes, decisions. */
public final class DrainComputeNodeIds {

    public static final String PROCESS_KEY = "drain-compute-node";

    public static final String START = "StartEvent_DrainRequested";
    public static final String VALIDATE_INPUT = "Task_ValidateInput";
    public static final String LIST_INSTANCES = "Task_ListInstances";
    public static final String PLAN_CAPACITY = "Task_PlanCapacity";
    public static final String CAPACITY_SUFFICIENT = "Gateway_CapacitySufficient";
    public static final String APPROVE_PLAN = "Task_ApprovePlan";
    public static final String PLAN_APPROVED = "Gateway_PlanApproved";
    public static final String RECORD_REJECTION = "Task_RecordRejection";
    public static final String DISABLE_COMPUTE_SERVICE = "Task_DisableComputeService";
    public static final String MIGRATE_BATCH = "SubProcess_MigrateBatch";
    public static final String MIGRATE_INSTANCE = "SubProcess_MigrateInstance";
    public static final String START_MIGRATION = "Task_StartMigration";
    public static final String MIGRATION_STARTED = "Gateway_MigrationStarted";
    public static final String AWAIT_MIGRATION = "SubProcess_AwaitMigration";
    public static final String WAIT_MIGRATION = "Timer_WaitMigration";
    public static final String CHECK_MIGRATION = "Task_CheckMigration";
    public static final String MIGRATION_DONE = "Gateway_MigrationDone";
    public static final String CONFIRM_MIGRATION = "Task_ConfirmMigration";
    public static final String COLD_MIGRATE_INSTANCE = "Task_ColdMigrateInstance";
    public static final String MIGRATION_DEADLINE = "Timer_MigrationDeadline";
    public static final String INSTANCE_MOVED = "Gateway_InstanceMoved";
    public static final String DECIDE_FAILED_MIGRATION = "Task_DecideFailedMigration";
    public static final String MIGRATION_DECISION = "Gateway_MigrationDecision";
    public static final String DRAIN_ABORTED_EVENT = "Event_DrainAborted";
    public static final String RESTORE_COMPUTE_SERVICE = "Task_RestoreComputeService";
    public static final String VERIFY_HOST_EMPTY = "Task_VerifyHostEmpty";
    public static final String HOST_EMPTY = "Gateway_HostEmpty";
    public static final String DECIDE_HOST_NOT_EMPTY = "Task_DecideHostNotEmpty";
    public static final String HOST_NOT_EMPTY_DECISION = "Gateway_HostNotEmptyDecision";
    public static final String SUMMARISE_DRAIN = "Task_SummariseDrain";
    public static final String SUMMARISE_INCOMPLETE_DRAIN = "Task_SummariseIncompleteDrain";

    public static final String END_INPUT_REJECTED = "EndEvent_InputRejected";
    public static final String END_NOT_ENOUGH_CAPACITY = "EndEvent_NotEnoughCapacity";
    public static final String END_PLAN_REJECTED = "EndEvent_PlanRejected";
    public static final String END_DRAIN_ABORTED = "EndEvent_DrainAborted";
    public static final String END_HOST_DRAINED = "EndEvent_HostDrained";
    public static final String END_HOST_NOT_EMPTY = "EndEvent_HostNotEmpty";
    public static final String END_INSTANCE_MOVED = "EndEvent_InstanceMoved";
    public static final String END_INSTANCE_ALREADY_GONE = "EndEvent_InstanceAlreadyGone";
    public static final String END_INSTANCE_SKIPPED = "EndEvent_InstanceSkipped";
    public static final String END_ABORT_REQUESTED = "EndEvent_AbortRequested";

    public static final String INPUT_REJECTED = "INPUT_REJECTED";
    public static final String DRAIN_ABORTED = "DRAIN_ABORTED";

    /** Operator decisions about a failed migration. */
    public static final String RETRY = "retry";
    public static final String SKIP = "skip";
    public static final String ABORT = "abort";
    /** Operator decisions about a host that is not empty. */
    public static final String RECHECK = "recheck";
    public static final String FINISH = "finish";

    private DrainComputeNodeIds() {
    }
}
