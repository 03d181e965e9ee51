package io.dayshift.runbook.upgrade;

/** The ids of {@code processes/rolling-upgrade.bpmn} that code and tests use: process key, elements, error codes, message, decisions. */
public final class RollingUpgradeIds {

    public static final String PROCESS_KEY = "rolling-upgrade";
    public static final String HEALTH_CHECK_KEY = "site-health-check";
    public static final String BACKUP_KEY = "backup-site";
    public static final String DRAIN_KEY = "drain-compute-node";
    public static final String RETURN_KEY = "return-compute-node";
    public static final String AWAIT_KOLLA_RUN_KEY = "await-kolla-run";

    public static final String START = "StartEvent_UpgradeRequested";
    public static final String VALIDATE_INPUT = "Task_ValidateInput";
    public static final String CHECK_SITE_HEALTH = "Task_CheckSiteHealth";
    public static final String SITE_GREEN = "Gateway_SiteGreen";
    public static final String REPORT_SITE_NOT_GREEN = "Task_ReportSiteNotGreen";
    public static final String BACKUP_SITE = "Task_BackupSite";
    public static final String REPORT_BACKUP_INCOMPLETE = "Task_ReportBackupIncomplete";
    public static final String UPGRADE = "SubProcess_Upgrade";
    public static final String PREPARE = "SubProcess_Prepare";
    public static final String START_PREPARATION_STEP = "Task_StartPreparationStep";
    public static final String WAIT_PREPARATION_STEP = "Timer_WaitPreparationStep";
    public static final String CHECK_PREPARATION_STEP = "Task_CheckPreparationStep";
    public static final String DECIDE_PREPARATION_FAILURE = "Task_DecidePreparationFailure";
    public static final String APPROVE_PLAN = "Task_ApprovePlan";
    public static final String PLAN_APPROVED = "Gateway_PlanApproved";
    public static final String WAIT_FOR_WINDOW = "Timer_WaitForWindow";
    public static final String UPGRADE_CONTROL_PLANE = "SubProcess_UpgradeControlPlane";
    public static final String START_CONTROL_PLANE_STEP = "Task_StartControlPlaneStep";
    public static final String WAIT_CONTROL_PLANE_STEP = "Timer_WaitControlPlaneStep";
    public static final String CHECK_CONTROL_PLANE_STEP = "Task_CheckControlPlaneStep";
    public static final String DECIDE_CONTROL_PLANE_FAILURE = "Task_DecideControlPlaneFailure";
    public static final String UPGRADE_BATCH = "SubProcess_UpgradeBatch";
    public static final String WINDOW_OPEN = "Gateway_WindowOpen";
    public static final String DECIDE_WINDOW_CLOSED = "Task_DecideWindowClosed";
    public static final String DRAIN_HOSTS = "SubProcess_DrainHosts";
    public static final String DRAIN_HOST = "Task_DrainHost";
    public static final String DECIDE_DRAIN_FAILURE = "Task_DecideDrainFailure";
    public static final String START_BATCH_UPGRADE = "Task_StartBatchUpgrade";
    public static final String WAIT_BATCH_UPGRADE = "Timer_WaitBatchUpgrade";
    public static final String CHECK_BATCH_UPGRADE = "Task_CheckBatchUpgrade";
    public static final String DECIDE_BATCH_FAILURE = "Task_DecideBatchFailure";
    public static final String RETURN_HOSTS = "SubProcess_ReturnHosts";
    public static final String RETURN_HOST = "Task_ReturnHost";
    public static final String VERIFY_HOST_RELEASE = "Task_VerifyHostRelease";
    public static final String DECIDE_HOST_FAILURE = "Task_DecideHostFailure";
    public static final String FINISH_DATA_PLANE = "SubProcess_FinishDataPlane";
    public static final String START_FINISH_STEP = "Task_StartFinishStep";
    public static final String WAIT_FINISH_STEP = "Timer_WaitFinishStep";
    public static final String CHECK_FINISH_STEP = "Task_CheckFinishStep";
    public static final String DECIDE_FINISH_FAILURE = "Task_DecideFinishFailure";
    public static final String CHECK_UPGRADED_SITE_HEALTH = "Task_CheckUpgradedSiteHealth";
    public static final String BOOT_SMOKE_INSTANCE = "Task_BootSmokeInstance";
    public static final String WAIT_SMOKE_INSTANCE = "Timer_WaitSmokeInstance";
    public static final String CHECK_SMOKE_INSTANCE = "Task_CheckSmokeInstance";
    public static final String DECIDE_SMOKE_FAILURE = "Task_DecideSmokeFailure";
    public static final String SUMMARISE_UPGRADE = "Task_SummariseUpgrade";
    public static final String PLAN_REJECTED_EVENT = "Event_PlanRejected";
    public static final String RECORD_REJECTION = "Task_RecordRejection";
    public static final String UPGRADE_HALTED_EVENT = "Event_UpgradeHalted";
    public static final String HALT_DECISION = "Gateway_HaltDecision";
    public static final String ROLLBACK_REQUESTED_EVENT = "Event_RollbackRequested";
    public static final String APPROVE_ROLLBACK = "Task_ApproveRollback";
    public static final String SUMMARISE_STOPPED_UPGRADE = "Task_SummariseStoppedUpgrade";
    public static final String ROLL_BACK_KOLLA = "SubProcess_RollBackKolla";
    public static final String START_ROLLBACK_STEP = "Task_StartRollbackStep";
    public static final String WAIT_ROLLBACK_STEP = "Timer_WaitRollbackStep";
    public static final String CHECK_ROLLBACK_STEP = "Task_CheckRollbackStep";
    public static final String ROLLBACK_FAILED_EVENT = "Event_RollbackFailed";
    public static final String RESTORE_DATABASES_PHASE = "SubProcess_RestoreDatabases";
    public static final String RESTORE_DATABASES = "Task_RestoreDatabases";
    public static final String AWAIT_DATABASE_RESTORE = "Task_AwaitDatabaseRestore";
    public static final String RECOVER_DATABASE_CLUSTER = "Task_RecoverDatabaseCluster";
    public static final String VERIFY_DATABASE_RESTORE = "Task_VerifyDatabaseRestore";
    public static final String RESTORE_FAILED_EVENT = "Event_RestoreFailed";
    public static final String RECONFIGURE_KOLLA = "SubProcess_ReconfigureKolla";
    public static final String VERIFY_ROLLBACK = "Task_VerifyRollback";
    public static final String SUMMARISE_ROLLBACK = "Task_SummariseRollback";
    public static final String RECORD_UPGRADE_STATE = "Task_RecordUpgradeState";
    public static final String HAND_OVER_UPGRADE = "Task_HandOverUpgrade";

    public static final String END_INPUT_REJECTED = "EndEvent_InputRejected";
    public static final String END_SITE_NOT_GREEN = "EndEvent_SiteNotGreen";
    public static final String END_BACKUP_INCOMPLETE = "EndEvent_BackupIncomplete";
    public static final String END_PLAN_REJECTED = "EndEvent_PlanRejected";
    public static final String END_SITE_UPGRADED = "EndEvent_SiteUpgraded";
    public static final String END_UPGRADE_STOPPED = "EndEvent_UpgradeStopped";
    public static final String END_UPGRADE_ROLLED_BACK = "EndEvent_UpgradeRolledBack";
    public static final String END_UPGRADE_HANDED_OVER = "EndEvent_UpgradeHandedOver";
    public static final String END_WINDOW_CLOSED_STOP = "EndEvent_WindowClosedStop";

    public static final String INPUT_REJECTED = "INPUT_REJECTED";
    public static final String PLAN_REJECTED = "PLAN_REJECTED";
    public static final String UPGRADE_HALTED = "UPGRADE_HALTED";
    public static final String ROLLBACK_FAILED = "ROLLBACK_FAILED";
    /** Thrown by the database-restore steps of dr-restore that the rollback reuses. */
    public static final String RESTORE_STEP_FAILED = "RESTORE_STEP_FAILED";
    /** The message an incident run correlates to ask for the rollback of the running upgrade of its site. */
    public static final String ROLLBACK_REQUESTED_MESSAGE = "RollbackRequested";

    /** Step outcomes ({@code stepOutcome}). */
    public static final String WAITING = "waiting";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    /** Operator decisions. */
    public static final String RETRY = "retry";
    public static final String ROLL_BACK = "roll-back";
    public static final String STOP = "stop";
    public static final String CONTINUE = "continue";
    /** Upgrade a host the drain could not empty, with what is left on it. */
    public static final String PROCEED = "proceed";

    private RollingUpgradeIds() {
    }
}
