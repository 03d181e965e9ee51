package io.dayshift.runbook.backup;

/** The process key, element ids and error codes of {@code processes/backup-site.bpmn} and {@code daily-backup.bpmn}, once. */
public final class BackupSiteIds {

    public static final String PROCESS_KEY = "backup-site";

    public static final String START_EVENT = "StartEvent_BackupRequested";
    public static final String VALIDATE_INPUT = "Task_ValidateInput";
    public static final String INPUT_REJECTED_EVENT = "Event_InputRejected";
    public static final String INPUT_REJECTED_END = "EndEvent_InputRejected";
    public static final String PLAN_BACKUP = "Task_PlanBackup";
    public static final String BACK_UP_EACH_PART = "SubProcess_BackUpEachPart";
    public static final String PART_STARTED = "StartEvent_PartStarted";
    public static final String BACK_UP_PART = "SubProcess_BackUpPart";
    public static final String PART_BACKUP_STARTED = "StartEvent_PartBackupStarted";
    public static final String WHICH_PART = "Gateway_WhichPart";
    public static final String START_MARIADB_BACKUP = "Task_StartMariaDbBackup";
    public static final String WAIT_MARIADB_BACKUP = "Timer_WaitMariaDbBackup";
    public static final String CHECK_MARIADB_BACKUP = "Task_CheckMariaDbBackup";
    public static final String MARIADB_BACKUP_DONE = "Gateway_MariaDbBackupDone";
    public static final String MARIADB_BACKUP_FAILED_END = "EndEvent_MariaDbBackupFailed";
    public static final String ARCHIVE_KOLLA_CONFIG = "Task_ArchiveKollaConfig";
    public static final String CREATE_CONTROLLER_BACKUP = "Task_CreateControllerBackup";
    public static final String DUMP_MYSQL_CLUSTER = "Task_DumpMySqlCluster";
    public static final String COPY_MYSQL_DUMP = "Task_CopyMySqlDump";
    public static final String DUMP_MAAS_DATABASE = "Task_DumpMaasDatabase";
    public static final String EXPORT_CEPH_CONFIG = "Task_ExportCephConfig";
    public static final String SAVE_VAULT_SNAPSHOT = "Task_SaveVaultSnapshot";
    public static final String ARTEFACT_TAKEN = "Gateway_ArtefactTaken";
    public static final String VERIFY_ARTEFACT = "Task_VerifyArtefact";
    public static final String ARTEFACT_VERIFIED = "Gateway_ArtefactVerified";
    public static final String ARTEFACT_VERIFIED_END = "EndEvent_ArtefactVerified";
    public static final String VERIFICATION_FAILED_END = "EndEvent_VerificationFailed";
    public static final String COPY_ARTEFACT_OFF_HOST = "Task_CopyArtefactOffHost";
    public static final String VERIFY_OFF_HOST_COPY = "Task_VerifyOffHostCopy";
    public static final String OFF_HOST_COPY_VERIFIED = "Gateway_OffHostCopyVerified";
    public static final String OFF_HOST_COPY_FAILED_END = "EndEvent_OffHostCopyFailed";
    public static final String PART_DEADLINE = "Timer_PartDeadline";
    public static final String PART_FAILED_EVENT = "Event_PartFailed";
    public static final String RECORD_PART_TIMEOUT = "Task_RecordPartTimeout";
    public static final String PART_DONE_END = "EndEvent_PartDone";
    public static final String PART_TIMED_OUT_END = "EndEvent_PartTimedOut";
    public static final String PART_NOT_BACKED_UP_END = "EndEvent_PartNotBackedUp";
    public static final String PRUNE_EXPIRED_ARTEFACTS = "Task_PruneExpiredArtefacts";
    public static final String SUMMARISE_BACKUP = "Task_SummariseBackup";
    public static final String BACKUP_COMPLETE = "Gateway_BackupComplete";
    public static final String SITE_BACKED_UP_END = "EndEvent_SiteBackedUp";
    public static final String NOTIFY_BACKUP_INCOMPLETE = "Task_NotifyBackupIncomplete";
    public static final String BACKUP_INCOMPLETE_END = "EndEvent_BackupIncomplete";

    public static final String ERROR_INPUT_REJECTED = "Error_InputRejected";
    /** Error code: the site or the scope was refused; nothing was backed up. */
    public static final String INPUT_REJECTED = "INPUT_REJECTED";
    public static final String ERROR_PART_FAILED = "Error_PartFailed";
    /**
     * Error code thrown by the model's error end events: the part's tool reported failure, the artefact did not verify, or its
     * off-host copy did not.
     */
    public static final String PART_FAILED = "PART_FAILED";

    public static final String START_FORM = "backup-site-start";

    /** {@code mariaDbBackup} values read by {@code Gateway_MariaDbBackupDone}. */
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    private BackupSiteIds() {
    }
}
