package io.dayshift.runbook.backup;

import io.dayshift.backup.Artefact;
import io.dayshift.engine.ProcessVariable;
import io.dayshift.engine.RunLog;
import io.dayshift.kolla.KollaRunHandle;
import java.util.List;

/**
 * The variables of {@code backup-site}. Its output contract, which callers map out of their call activity
 * ({@code <camunda:out source="backupId" target="…"/>}), is {@link #BACKUP_ID}, {@link #BACKUP_COMPLETE} and {@link #SUMMARY};
 * it is documented in {@code runbooks/backup-site.md} and must stay stable.
 */
public final class BackupSiteVariables {

    /** The site's name (start). */
    public static final ProcessVariable<String> SITE = ProcessVariable.string("site");
    /** {@code full} (default), {@code databases} or {@code config} (start, optional). */
    public static final ProcessVariable<String> SCOPE = ProcessVariable.string("scope");
    /** Output: the backup set's id in the catalogue, {@code <site>-<yyyyMMdd'T'HHmmss'Z'>}; {@code ""} when the input was rejected. */
    public static final ProcessVariable<String> BACKUP_ID = ProcessVariable.string("backupId");
    /** Output: every applicable part of the scope was backed up and verified. */
    public static final ProcessVariable<Boolean> BACKUP_COMPLETE = ProcessVariable.bool("backupComplete");
    /** Output: one paragraph for people. */
    public static final ProcessVariable<String> SUMMARY = RunLog.SUMMARY;
    /** {@code KOLLA} or {@code CHARMED}. */
    public static final ProcessVariable<String> FLAVOUR = ProcessVariable.string("flavour");
    /** The parts to back up, artefact kind names in order: the multi-instance collection. */
    public static final ProcessVariable<List<String>> PARTS = ProcessVariable.list("parts", String.class);
    /** The parts of the scope that do not apply to the site, one line each ({@code VAULT_SNAPSHOT: no vault-host-group}). */
    public static final ProcessVariable<List<String>> NOT_APPLICABLE = ProcessVariable.list("notApplicable", String.class);
    /** The part being backed up (the element variable, an artefact kind name). */
    public static final ProcessVariable<String> PART = ProcessVariable.string("part");
    /** How long one part may take, ISO-8601 ({@code PT2H}): the boundary timer {@code Timer_PartDeadline}. */
    public static final ProcessVariable<String> PART_DEADLINE = ProcessVariable.string("partDeadline");
    /** The artefact the part just made, recorded in the catalogue, for {@code Task_VerifyArtefact}. */
    public static final ProcessVariable<Artefact> ARTEFACT = ProcessVariable.json("artefact", Artefact.class);
    /** Whether that artefact verified. */
    public static final ProcessVariable<Boolean> ARTEFACT_VERIFIED = ProcessVariable.bool("artefactVerified");
    /** Whether the artefact's off-host copy failed (false also when the site has no off-host target), for {@code Gateway_OffHostCopyVerified}. */
    public static final ProcessVariable<Boolean> OFF_HOST_COPY_FAILED = ProcessVariable.bool("offHostCopyFailed");
    /** Kolla: the detached mariadb_backup run. */
    public static final ProcessVariable<KollaRunHandle> KOLLA_RUN = ProcessVariable.json("kollaRun", KollaRunHandle.class);
    /** Kolla: {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}, for {@code Gateway_MariaDbBackupDone}. */
    public static final ProcessVariable<String> MARIADB_BACKUP = ProcessVariable.string("mariaDbBackup");
    /** Row counts of the key tables taken with the database part, attached to its artefact. */
    public static final ProcessVariable<TableRows> TABLE_ROWS = ProcessVariable.json("tableRows", TableRows.class);

    /** Charmed: where the {@code mysqldump} action left the dump (unit and path), for {@code Task_CopyMySqlDump}. */
    public static final ProcessVariable<UnitFile> MYSQL_DUMP = ProcessVariable.json("mysqlDump", UnitFile.class);
    /** How many expired artefacts this run pruned. */
    public static final ProcessVariable<Long> PRUNED = ProcessVariable.number("pruned");
    /** How many expired copies this run pruned on the off-host store. */
    public static final ProcessVariable<Long> PRUNED_COPIES = ProcessVariable.number("prunedCopies");
    /** Who started the run ({@code camunda:initiator}); absent when a timer or a calling runbook started it. */
    public static final ProcessVariable<String> INITIATOR = ProcessVariable.string("initiator");

    private BackupSiteVariables() {
    }
}
