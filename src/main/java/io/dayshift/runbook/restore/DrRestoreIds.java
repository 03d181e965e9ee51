package io.dayshift.runbook.restore;

/** The ids of {@code processes/dr-restore.bpmn} that code and tests use. */
public final class DrRestoreIds {

    public static final String PROCESS_KEY = "dr-restore";

    public static final String START = "StartEvent_RestoreRequested";
    public static final String VALIDATE_INPUT = "Task_ValidateInput";
    public static final String WITHIN_RPO = "Gateway_WithinRpo";
    public static final String APPROVE_DATA_LOSS = "Task_ApproveDataLoss";
    public static final String RECORD_DATA_LOSS_REJECTED = "Task_RecordDataLossRejected";
    public static final String CONFIRM_INFRASTRUCTURE = "Task_ConfirmInfrastructure";
    public static final String RECORD_INFRASTRUCTURE_NOT_READY = "Task_RecordInfrastructureNotReady";
    public static final String APPROVE_RESTORE = "Task_ApproveRestore";
    public static final String RECORD_RESTORE_REJECTED = "Task_RecordRestoreRejected";
    public static final String RESTORE_SITE = "SubProcess_RestoreSite";
    public static final String STOP_SERVICES = "Task_StopAffectedServices";
    public static final String AWAIT_STOP = "Task_AwaitStop";
    public static final String RESTORE_CONFIGURATION = "Task_RestoreConfiguration";
    public static final String RESTORE_DATABASES = "Task_RestoreDatabases";
    public static final String AWAIT_DATABASE_RESTORE = "Task_AwaitDatabaseRestore";
    public static final String RECOVER_DATABASE_CLUSTER = "Task_RecoverDatabaseCluster";
    public static final String AWAIT_RECOVERY = "Task_AwaitRecovery";
    public static final String VERIFY_DATABASE_RESTORE = "Task_VerifyDatabaseRestore";
    public static final String DECIDE_ROW_MISMATCH = "Task_DecideRowCountMismatch";
    public static final String REDEPLOY_CONTROLLERS = "Task_RedeployControllers";
    public static final String AWAIT_REDEPLOY = "Task_AwaitRedeploy";
    public static final String RESYNC_COMPUTES = "Task_ResyncComputes";
    public static final String AWAIT_RESYNC = "Task_AwaitResync";
    public static final String DISCOVER_COMPUTE_HOSTS = "Task_DiscoverComputeHosts";
    public static final String DECIDE_RESTORE_FAILURE = "Task_DecideRestoreFailure";
    public static final String PREPARE_RETRY = "Task_PrepareRetry";
    public static final String SUMMARISE_ABANDONED = "Task_SummariseAbandonedRestore";
    public static final String VERIFY_SERVICES = "Task_VerifyServices";
    public static final String BOOT_TEST_INSTANCE = "Task_BootTestInstance";
    public static final String WAIT_TEST_INSTANCE = "Timer_WaitTestInstance";
    public static final String CHECK_TEST_INSTANCE = "Task_CheckTestInstance";
    public static final String DELETE_TEST_INSTANCE = "Task_DeleteTestInstance";
    public static final String SUMMARISE_RESTORE = "Task_SummariseRestore";
    public static final String NOTIFY_FIRST_ESCALATION = "Task_NotifyFirstEscalation";
    public static final String NOTIFY_SECOND_ESCALATION = "Task_NotifySecondEscalation";
    public static final String NOTIFY_RTO_BREACHED = "Task_NotifyRtoBreached";
    public static final String ACKNOWLEDGE_FIRST_ESCALATION = "Task_AcknowledgeFirstEscalation";
    public static final String ACKNOWLEDGE_SECOND_ESCALATION = "Task_AcknowledgeSecondEscalation";
    public static final String ACKNOWLEDGE_RTO_BREACHED = "Task_AcknowledgeRtoBreached";
    public static final String FIRST_ESCALATION = "StartEvent_FirstEscalationDue";
    public static final String SECOND_ESCALATION = "StartEvent_SecondEscalationDue";
    public static final String RTO_BREACHED = "StartEvent_RtoBreached";

    public static final String END_INPUT_REJECTED = "EndEvent_InputRejected";
    public static final String END_DATA_LOSS_REJECTED = "EndEvent_DataLossRejected";
    public static final String END_INFRASTRUCTURE_NOT_READY = "EndEvent_InfrastructureNotReady";
    public static final String END_RESTORE_REJECTED = "EndEvent_RestoreRejected";
    public static final String END_RESTORE_ABANDONED = "EndEvent_RestoreAbandoned";
    public static final String END_SITE_RESTORED = "EndEvent_SiteRestored";
    public static final String END_MISMATCH_NOT_ACCEPTED = "EndEvent_MismatchNotAccepted";
    public static final String END_RESTORE_STEPS_DONE = "EndEvent_RestoreStepsDone";
    public static final String RESTORE_ABANDONED_GATEWAY = "Gateway_RestoreAbandoned";
    public static final String ROWS_MATCH = "Gateway_RowsMatch";
    public static final String TEST_INSTANCE_DONE = "Gateway_TestInstanceDone";
    public static final String SITE_VERIFIED = "Gateway_SiteVerified";
    public static final String RESTORE_STEP_FAILED_EVENT = "Event_RestoreStepFailed";
    public static final String END_RESTORED_NOT_VERIFIED = "EndEvent_RestoredNotVerified";

    /** Error codes. */
    public static final String INPUT_REJECTED = "INPUT_REJECTED";
    public static final String RESTORE_STEP_FAILED = "RESTORE_STEP_FAILED";

    /** Decisions. */
    public static final String READY = "ready";
    public static final String NOT_READY = "not-ready";
    public static final String ACCEPT = "accept";
    public static final String RETRY = "retry";
    public static final String ABANDON = "abandon";

    private DrRestoreIds() {
    }
}
