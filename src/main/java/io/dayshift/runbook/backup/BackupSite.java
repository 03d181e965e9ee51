package io.dayshift.runbook.backup;

import io.dayshift.runbook.RunIdentity;
import io.dayshift.runbook.RunVariables;
import org.camunda.bpm.engine.delegate.VariableScope;
import io.dayshift.runbook.SettingChecks;
import io.dayshift.backup.Artefact;
import io.dayshift.engine.ProcessVariable;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code processes/backup-site.bpmn}, the one class of the runbook: its key, element ids, error codes, variables and
 * settings ({@code dayshift.backup.poll-interval}). Its output contract, which callers map out of their call activity
 * ({@code <camunda:out source="backupId" target="…"/>}), is {@link Variables#BACKUP_ID}, {@link Variables#BACKUP_COMPLETE}
 * and {@code summary} ({@link io.dayshift.engine.RunLog#SUMMARY}); it is documented in {@code runbooks/backup-site.md}
 * and must stay stable. The model reads the MariaDB backup's look interval as {@code ${backupSite.pollInterval}}.
 */
@Component("backupSite")
public class BackupSite implements RunIdentity {

    public static final String PROCESS_KEY = "backup-site";
    public static final String START_FORM = "backup-site-start";

    /** Error code: the site or the scope was refused; nothing was backed up. */
    public static final String INPUT_REJECTED = "INPUT_REJECTED";
    /**
     * Error code thrown by the model's error end events: the part's tool reported failure or did not finish, the artefact did
     * not verify, or its off-host copy did not.
     */
    public static final String PART_FAILED = "PART_FAILED";

    /** The element ids code and tests use. */
    public static final class Elements {

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
        public static final String AWAIT_MARIADB_BACKUP = "Task_AwaitMariaDbBackup";
        public static final String MARIADB_BACKUP_DONE = "Gateway_MariaDbBackupDone";
        public static final String RECORD_MARIADB_BACKUP = "Task_RecordMariaDbBackup";
        public static final String RECORD_MARIADB_BACKUP_FAILURE = "Task_RecordMariaDbBackupFailure";
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
        public static final String ERROR_PART_FAILED = "Error_PartFailed";

        private Elements() {
        }
    }

    /**
     * The runbook's own variables; {@code site}, {@code flavour} and {@code initiator} (absent when a timer or a calling runbook
     * started it) are {@link io.dayshift.runbook.RunVariables}, {@code summary} is {@link io.dayshift.engine.RunLog#SUMMARY}.
     */
    public static final class Variables {

        /** {@code full} (default), {@code databases} or {@code config} (start, optional). */
        public static final ProcessVariable<String> SCOPE = ProcessVariable.string("scope");
        /** Output: the backup set's id in the catalogue, {@code <site>-<yyyyMMdd'T'HHmmss'Z'>}; {@code ""} when the input was rejected. */
        public static final ProcessVariable<String> BACKUP_ID = ProcessVariable.string("backupId");
        /** Output: every applicable part of the scope was backed up and verified. */
        public static final ProcessVariable<Boolean> BACKUP_COMPLETE = ProcessVariable.bool("backupComplete");
        /** The parts to back up, artefact kind names in order: the multi-instance collection. */
        public static final ProcessVariable<List<String>> PARTS = ProcessVariable.list("parts", String.class);
        /** The parts of the scope that do not apply to the site, one line each ({@code VAULT_SNAPSHOT: no vault-host-group}). */
        public static final ProcessVariable<List<String>> NOT_APPLICABLE = ProcessVariable.list("notApplicable", String.class);
        /** The part being backed up (the element variable, an artefact kind name). */
        public static final ProcessVariable<String> PART = ProcessVariable.string("part");
        /**
         * How long one part may take, ISO-8601 ({@code PT2H}): the boundary timer {@code Timer_PartDeadline}, and the deadline of
         * the MariaDB backup's wait (which the part's deadline, started before it, always passes first).
         */
        public static final ProcessVariable<String> PART_DEADLINE = ProcessVariable.string("partDeadline");
        /** The artefact the part just made, recorded in the catalogue, for {@code Task_VerifyArtefact}. */
        public static final ProcessVariable<Artefact> ARTEFACT = ProcessVariable.json("artefact", Artefact.class);
        /** Whether that artefact verified. */
        public static final ProcessVariable<Boolean> ARTEFACT_VERIFIED = ProcessVariable.bool("artefactVerified");
        /** Whether the artefact's off-host copy failed (false also when the site has no off-host target), for {@code Gateway_OffHostCopyVerified}. */
        public static final ProcessVariable<Boolean> OFF_HOST_COPY_FAILED = ProcessVariable.bool("offHostCopyFailed");
        /** Row counts of the key tables taken with the database part, attached to its artefact. */
        public static final ProcessVariable<TableRows> TABLE_ROWS = ProcessVariable.json("tableRows", TableRows.class);
        /** Charmed: where the {@code mysqldump} action left the dump (unit and path), for {@code Task_CopyMySqlDump}. */
        public static final ProcessVariable<UnitFile> MYSQL_DUMP = ProcessVariable.json("mysqlDump", UnitFile.class);
        /** How many expired artefacts this run pruned. */
        public static final ProcessVariable<Long> PRUNED = ProcessVariable.number("pruned");
        /** How many expired copies this run pruned on the off-host store. */
        public static final ProcessVariable<Long> PRUNED_COPIES = ProcessVariable.number("prunedCopies");

        private Variables() {
        }
    }

    private final Duration pollInterval;

    BackupSite(@Value("${dayshift.backup.poll-interval:1m}") Duration pollInterval) {
        this.pollInterval = new SettingChecks("dayshift.backup").positive("poll-interval", pollInterval);
    }

    /** How often a running Kolla MariaDB backup is looked at, first when it should be done: an ISO-8601 duration. */
    public String getPollInterval() {
        return pollInterval.toString();
    }

    @Override
    public String processKey() {
        return PROCESS_KEY;
    }

    /** The run's name (its business key, {@code RunNames}). */
    @Override
    public String name(VariableScope start) {
        return "backup " + RunIdentity.value(start, RunVariables.SITE.name()) + (start.getVariable(Variables.SCOPE.name()) == null || "full".equals(start.getVariable(Variables.SCOPE.name())) ? "" : ", " + RunIdentity.value(start, Variables.SCOPE.name()));
    }
}
