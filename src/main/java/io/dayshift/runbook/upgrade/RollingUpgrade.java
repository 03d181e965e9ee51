package io.dayshift.runbook.upgrade;

import io.dayshift.runbook.RunIdentity;
import io.dayshift.site.Sites;
import io.dayshift.runbook.InputProblems;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import java.util.Optional;
import java.time.format.DateTimeParseException;
import java.time.OffsetDateTime;
import java.time.Instant;
import io.dayshift.runbook.RunVariables;
import org.camunda.bpm.engine.delegate.VariableScope;
import io.dayshift.engine.ProcessVariable;
import io.dayshift.engine.RunLog;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code rolling-upgrade}: upgrade a site to the next OpenStack release, control plane first, then the compute hosts in
 * batches. Its models: {@code processes/rolling-upgrade.bpmn} (the story), {@code rolling-upgrade-step.bpmn} (one step of a
 * plan's list: start, await, decide), {@code rolling-upgrade-batch.bpmn} (one batch of compute hosts) and
 * {@code rolling-upgrade-rollback.bpmn} (the kolla rollback); their keys, element ids and variables, and the runbook's
 * settings {@code dayshift.runbooks.rolling-upgrade.*}, which the models read as {@code ${rollingUpgrade.checkInterval}}.
 */
@Component("rollingUpgrade")
public class RollingUpgrade implements RunIdentity {

    public static final String PROCESS_KEY = "rolling-upgrade";
    public static final String HEALTH_CHECK_KEY = "site-health-check";
    public static final String BACKUP_KEY = "backup-site";
    public static final String DRAIN_KEY = "drain-compute-node";
    public static final String RETURN_KEY = "return-compute-node";

    /** Error codes. */
    public static final String INPUT_REJECTED = "INPUT_REJECTED";
    /** An ops lead decided to stop or roll back; the error's message ({@code halted}) starts with the decision. */
    public static final String UPGRADE_HALTED = "UPGRADE_HALTED";
    /** A step of the rollback (one nobody decides about) failed or outlasted its deadline. */
    public static final String ROLLBACK_FAILED = "ROLLBACK_FAILED";
    /** A database-restore step of the rollback (dr-restore's) failed. */
    public static final String RESTORE_STEP_FAILED = "RESTORE_STEP_FAILED";
    /** The message an incident run correlates to ask for the rollback of the running upgrade of its site. */
    public static final String ROLLBACK_REQUESTED_MESSAGE = "RollbackRequested";

    /** Operator decisions. */
    public static final String RETRY = "retry";
    public static final String ROLL_BACK = "roll-back";
    public static final String STOP = "stop";
    public static final String CONTINUE = "continue";
    /** Upgrade a host the drain could not empty, with what is left on it. */
    public static final String PROCEED = "proceed";
    /** The ops lead takes the halted upgrade over. */
    public static final String TAKE_OVER = "take-over";

    /** The element ids of {@code rolling-upgrade.bpmn} that code and tests use. */
    public static final class Elements {
        public static final String START = "StartEvent_UpgradeRequested";
        public static final String VALIDATE_INPUT = "Task_ValidateInput";
        public static final String CHECK_SITE_HEALTH = "Task_CheckSiteHealth";
        public static final String SITE_GREEN = "Gateway_SiteGreen";
        public static final String REPORT_SITE_NOT_GREEN = "Task_ReportSiteNotGreen";
        public static final String BACKUP_SITE = "Task_BackupSite";
        public static final String REPORT_BACKUP_INCOMPLETE = "Task_ReportBackupIncomplete";
        public static final String UPGRADE = "SubProcess_Upgrade";
        public static final String PREPARE = "Task_Prepare";
        public static final String APPROVE_PLAN = "Task_ApprovePlan";
        public static final String PLAN_APPROVED = "Gateway_PlanApproved";
        public static final String WAIT_FOR_WINDOW = "Timer_WaitForWindow";
        public static final String UPGRADE_CONTROL_PLANE = "Task_UpgradeControlPlane";
        public static final String UPGRADE_BATCHES = "Task_UpgradeBatches";
        public static final String FINISH_DATA_PLANE = "Task_FinishDataPlane";
        public static final String CHECK_UPGRADED_SITE_HEALTH = "Task_CheckUpgradedSiteHealth";
        public static final String SMOKE_TEST = "Task_SmokeTest";
        public static final String SMOKE_TEST_PASSED = "Gateway_SmokeTestPassed";
        public static final String SUMMARISE_UPGRADE = "Task_SummariseUpgrade";
        public static final String RECORD_REJECTION = "Task_RecordRejection";
        public static final String UPGRADE_HALTED_EVENT = "Event_UpgradeHalted";
        public static final String HALT_DECISION = "Gateway_HaltDecision";
        public static final String ROLLBACK_REQUESTED_EVENT = "Event_RollbackRequested";
        public static final String APPROVE_ROLLBACK = "Task_ApproveRollback";
        public static final String SUMMARISE_STOPPED_UPGRADE = "Task_SummariseStoppedUpgrade";
        public static final String ROLL_BACK_UPGRADE = "Task_RollBackUpgrade";
        public static final String ROLLBACK_DONE = "Gateway_RollbackDone";
        public static final String SUMMARISE_ROLLBACK = "Task_SummariseRollback";
        public static final String RECORD_UPGRADE_STATE = "Task_RecordUpgradeState";
        public static final String HAND_OVER_UPGRADE = "Task_HandOverUpgrade";

        public static final String END_INPUT_REJECTED = "EndEvent_InputRejected";
        public static final String END_SITE_NOT_GREEN = "EndEvent_SiteNotGreen";
        public static final String END_BACKUP_INCOMPLETE = "EndEvent_BackupIncomplete";
        public static final String END_PLAN_REJECTED = "EndEvent_PlanRejected";
        public static final String END_SMOKE_HALTED = "EndEvent_SmokeHalted";
        public static final String END_SITE_UPGRADED = "EndEvent_SiteUpgraded";
        public static final String END_UPGRADE_STOPPED = "EndEvent_UpgradeStopped";
        public static final String END_UPGRADE_ROLLED_BACK = "EndEvent_UpgradeRolledBack";
        public static final String END_UPGRADE_HANDED_OVER = "EndEvent_UpgradeHandedOver";

        private Elements() {
        }
    }

    /**
     * {@code rolling-upgrade-step.bpmn}: one step of a plan's list (preparation, control plane, finish, rollback, reconfigure),
     * called for each: start it, await it, and on failure the ops lead's decision ({@code decisions}: retry, roll back, stop;
     * none for the rollback's steps, whose failure hands the run over).
     */
    public static final class Step {
        public static final String PROCESS_KEY = "rolling-upgrade-step";
        public static final String START = "Task_StartStep";
        public static final String AWAIT = "Task_AwaitStep";
        public static final String DONE = "Gateway_StepDone";
        public static final String END_DONE = "EndEvent_StepDone";
        public static final String END_HALTED = "EndEvent_StepHalted";
        public static final String END_FAILED = "EndEvent_RollbackStepFailed";

        private Step() {
        }
    }

    /**
     * {@code rolling-upgrade-batch.bpmn}: one batch of compute hosts: its hosts taken (await-lease), window check, drain each
     * host, upgrade, return and verify each.
     */
    public static final class Batch {
        public static final String PROCESS_KEY = "rolling-upgrade-batch";
        public static final String TAKE_HOSTS = "Task_TakeBatchHosts";
        public static final String HOSTS_TAKEN = "Gateway_HostsTaken";
        public static final String END_GAVE_UP_WAITING = "EndEvent_GaveUpWaiting";
        public static final String WINDOW_OPEN = "Gateway_WindowOpen";
        public static final String DECIDE_WINDOW_CLOSED = "Task_DecideWindowClosed";
        public static final String DRAIN_HOSTS = "SubProcess_DrainHosts";
        public static final String DRAIN_HOST = "Task_DrainHost";
        public static final String DECIDE_DRAIN_FAILURE = "Task_DecideDrainFailure";
        public static final String START_BATCH_UPGRADE = "Task_StartBatchUpgrade";
        public static final String AWAIT_BATCH_UPGRADE = "Task_AwaitBatchUpgrade";
        public static final String BATCH_UPGRADE_DONE = "Gateway_BatchUpgradeDone";
        public static final String RETURN_HOSTS = "SubProcess_ReturnHosts";
        public static final String RETURN_HOST = "Task_ReturnHost";
        public static final String VERIFY_HOST_RELEASE = "Task_VerifyHostRelease";
        public static final String DECIDE_HOST_FAILURE = "Task_DecideHostFailure";
        public static final String END_WINDOW_CLOSED_STOP = "EndEvent_WindowClosedStop";
        public static final String END_BATCH_UPGRADED = "EndEvent_BatchUpgraded";

        private Batch() {
        }
    }

    /**
     * {@code rolling-upgrade-rollback.bpmn}: kolla: the previous release back and the control plane stopped, the databases
     * restored from the upgrade's backup, reconfigure, verify; charmed: nothing (charms do not downgrade). Out:
     * {@code rollbackDone}.
     */
    public static final class Rollback {
        public static final String PROCESS_KEY = "rolling-upgrade-rollback";
        public static final String FLAVOUR = "Gateway_RollbackFlavour";
        public static final String ROLL_BACK_KOLLA = "Task_RollBackKolla";
        public static final String ROLLBACK_FAILED_EVENT = "Event_RollbackFailed";
        public static final String RESTORE_DATABASES_PHASE = "SubProcess_RestoreDatabases";
        public static final String RESTORE_DATABASES = "Task_RestoreDatabases";
        public static final String AWAIT_DATABASE_RESTORE = "Task_AwaitDatabaseRestore";
        public static final String RECOVER_DATABASE_CLUSTER = "Task_RecoverDatabaseCluster";
        public static final String AWAIT_DATABASE_RECOVERY = "Task_AwaitDatabaseRecovery";
        public static final String VERIFY_DATABASE_RESTORE = "Task_VerifyDatabaseRestore";
        public static final String RESTORE_FAILED_EVENT = "Event_RestoreFailed";
        public static final String RECONFIGURE_KOLLA = "Task_ReconfigureKolla";
        public static final String RECONFIGURE_FAILED_EVENT = "Event_ReconfigureFailed";
        public static final String VERIFY_ROLLBACK = "Task_VerifyRollback";
        public static final String END_ROLLED_BACK = "EndEvent_RolledBack";
        public static final String END_NOT_ROLLED_BACK = "EndEvent_NotRolledBack";
        public static final String END_ROLLBACK_FAILED = "EndEvent_RollbackFailed";

        private Rollback() {
        }
    }

    /** The variables of the runbook's models; {@code site}, {@code decision}, {@code note}, {@code health}… are {@code RunVariables}. */
    public static final class Variables {
        // ---- start
        /** {@code 2024.1}. */
        public static final ProcessVariable<String> TARGET_RELEASE = ProcessVariable.string("targetRelease");
        /** Compute hosts per batch after the canary (a number; forms send a long). */
        public static final ProcessVariable<Long> BATCH_SIZE = ProcessVariable.number("batchSize");
        /** ISO-8601 date-times with an offset: {@code 2025-06-07T22:00:00+02:00}. */
        public static final ProcessVariable<String> WINDOW_START = ProcessVariable.string("windowStart");
        public static final ProcessVariable<String> WINDOW_END = ProcessVariable.string("windowEnd");
        /** Optional: the compute host upgraded first and alone. */
        public static final ProcessVariable<String> CANARY_HOST = ProcessVariable.string("canaryHost");

        // ---- the run
        public static final ProcessVariable<String> CURRENT_RELEASE = ProcessVariable.string("currentRelease");
        public static final ProcessVariable<UpgradePlan> PLAN = ProcessVariable.json("plan", UpgradePlan.class);
        /** The plan as the approval form shows it. */
        public static final ProcessVariable<String> PLAN_SUMMARY = ProcessVariable.string("planSummary");
        /** Every compute host of the plan, comma-separated: what the plan's approval covers (a drain run under it checks its host is here). */
        public static final ProcessVariable<String> PLANNED_HOSTS = ProcessVariable.string("plannedHosts");
        /** Out of the second site-health-check. */
        public static final ProcessVariable<String> HEALTH_AFTER = ProcessVariable.string("healthAfter");
        public static final ProcessVariable<String> HEALTH_AFTER_SUMMARY = ProcessVariable.string("healthAfterSummary");
        /** Out of backup-site: which backup the rollback restores. */
        public static final ProcessVariable<String> BACKUP_ID = ProcessVariable.string("backupId");
        public static final ProcessVariable<Boolean> BACKUP_COMPLETE = ProcessVariable.bool("backupComplete");
        public static final ProcessVariable<String> BACKUP_SUMMARY = ProcessVariable.string("backupSummary");
        /** The release each compute host was seen on by this run (host → release), kept in the run (not in its parts). */
        public static final ProcessVariable<HostReleases> HOST_RELEASES = ProcessVariable.json("hostReleases", HostReleases.class);

        // ---- one step, one batch, one host (in rolling-upgrade-step and rolling-upgrade-batch)
        public static final ProcessVariable<UpgradeStep> STEP = ProcessVariable.json("step", UpgradeStep.class);
        /** From 1; an operator's retry counts one more (on the flow back to the start), so a retried kolla run gets a new run id. */
        public static final ProcessVariable<Long> ATTEMPT = ProcessVariable.number("attempt");
        public static final ProcessVariable<HostBatch> BATCH = ProcessVariable.json("batch", HostBatch.class);
        public static final ProcessVariable<String> HOST = ProcessVariable.string("host");
        public static final ProcessVariable<Boolean> HOST_VERIFIED = ProcessVariable.bool("hostVerified");
        /** Why a host is not up on the new release, for the ops lead's decision. */
        public static final ProcessVariable<String> FAILURE_REPORT = ProcessVariable.string("failureReport");

        // ---- halts, rollback, hand-over
        /** Who halted the upgrade, where and why, starting with the decision ({@code roll-back} or {@code stop}): the halt's error message. */
        public static final ProcessVariable<String> HALTED = ProcessVariable.string("halted");
        /** Sent with the {@code RollbackRequested} message (an incident run). */
        public static final ProcessVariable<String> REQUESTED_BY = ProcessVariable.string("requestedBy");
        /** Out of rolling-upgrade-rollback: it ran to its end (kolla), or the run is handed over (charmed, a rollback step failed). */
        public static final ProcessVariable<Boolean> ROLLBACK_DONE = ProcessVariable.bool("rollbackDone");
        /** The row counts the restore compared (dr-restore's {@code rowCheck}) and whether any differs. */
        public static final ProcessVariable<String> ROW_CHECK = ProcessVariable.string("rowCheck");
        public static final ProcessVariable<Boolean> ROWS_MISMATCH = ProcessVariable.bool("rowsMismatch");
        /** What the run hands over to an operator (charmed rollback, failed kolla rollback): the exact state. */
        public static final ProcessVariable<String> HAND_OVER_STATE = ProcessVariable.string("handOverState");

        // ---- output
        /** Kolla rollback: every compute host back on the previous release and the row counts equal. */
        public static final ProcessVariable<Boolean> ROLLED_BACK = ProcessVariable.bool("rolledBack");
        public static final ProcessVariable<Boolean> UPGRADED = ProcessVariable.bool("upgraded");
        public static final ProcessVariable<String> SUMMARY = RunLog.SUMMARY;

        private Variables() {
        }
    }

    private final Duration checkInterval;
    private final Duration stepDeadline;
    private final Duration smokeDeadline;
    private final Duration minimumWindow;
    private final int maxBatchSize;
    private final String backupScope;
    private final String ubuntuSeries;

    RollingUpgrade(
            @Value("${dayshift.runbooks.rolling-upgrade.check-interval:PT1M}") Duration checkInterval,
            @Value("${dayshift.runbooks.rolling-upgrade.step-deadline:PT4H}") Duration stepDeadline,
            @Value("${dayshift.runbooks.rolling-upgrade.smoke-deadline:PT10M}") Duration smokeDeadline,
            @Value("${dayshift.runbooks.rolling-upgrade.minimum-window:PT2H}") Duration minimumWindow,
            @Value("${dayshift.runbooks.rolling-upgrade.max-batch-size:20}") int maxBatchSize,
            @Value("${dayshift.runbooks.rolling-upgrade.backup-scope:databases}") String backupScope,
            @Value("${dayshift.runbooks.rolling-upgrade.ubuntu-series:jammy}") String ubuntuSeries) {
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("dayshift.runbooks.rolling-upgrade.check-interval must be a positive duration");
        }
        for (Duration d : List.of(stepDeadline, smokeDeadline)) {
            if (d.compareTo(checkInterval) < 0) {
                throw new IllegalArgumentException("dayshift.runbooks.rolling-upgrade: every deadline must be at least the check interval");
            }
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("dayshift.runbooks.rolling-upgrade.max-batch-size must be at least 1");
        }
        if (!ubuntuSeries.matches("[a-z]+")) {
            throw new IllegalArgumentException("dayshift.runbooks.rolling-upgrade.ubuntu-series must be a series name such as jammy");
        }
        this.checkInterval = checkInterval;
        this.stepDeadline = stepDeadline;
        this.smokeDeadline = smokeDeadline;
        this.minimumWindow = minimumWindow;
        this.maxBatchSize = maxBatchSize;
        this.backupScope = backupScope;
        this.ubuntuSeries = ubuntuSeries;
    }

    /** How often an await looks, and when it first looks (ISO-8601, e.g. {@code PT1M}). */
    public String getCheckInterval() {
        return checkInterval.toString();
    }

    /** How long one step (a kolla run, a Juju upgrade, a database restore) may take before an ops lead decides. */
    public String getStepDeadline() {
        return stepDeadline.toString();
    }

    /** How long the smoke instance may take to become ACTIVE. */
    public String getSmokeDeadline() {
        return smokeDeadline.toString();
    }

    public String getBackupScope() {
        return backupScope;
    }


    Duration minimumWindow() {
        return minimumWindow;
    }

    int maxBatchSize() {
        return maxBatchSize;
    }

    String ubuntuSeries() {
        return ubuntuSeries;
    }

    @Override
    public String processKey() {
        return PROCESS_KEY;
    }

    /** The run's name (its business key, {@code RunNames}). */
    @Override
    public String name(VariableScope start) {
        return "upgrade " + RunIdentity.value(start, RunVariables.SITE.name()) + " → " + RunIdentity.value(start, Variables.TARGET_RELEASE.name());
    }

    /** Every task of an upgrade, its approvals first, is due when its window ends: no batch starts after it. */
    @Override
    public Optional<Instant> due(DelegateTask task, DelegateExecution run) {
        Object end = run.getVariable(Variables.WINDOW_END.name());
        try {
            return end instanceof String text ? Optional.of(OffsetDateTime.parse(text).toInstant()) : Optional.empty();
        } catch (DateTimeParseException notATime) {
            return Optional.empty();
        }
    }

    /** At start, before any look at the site ({@code RunNames}): the site is configured and the fields are given. */
    @Override
    public void checkStart(VariableScope start, Sites sites, InputProblems problems) {
        RunIdentity.super.checkStart(start, sites, problems);
        problems.required(Variables.TARGET_RELEASE.name(), start.getVariable(Variables.TARGET_RELEASE.name()), "the release to upgrade to, e.g. 2024.1");
        problems.required(Variables.WINDOW_START.name(), start.getVariable(Variables.WINDOW_START.name()), "when the window starts, e.g. 2025-06-07T22:00:00+02:00");
        problems.required(Variables.WINDOW_END.name(), start.getVariable(Variables.WINDOW_END.name()), "when the window ends, e.g. 2025-06-08T04:00:00+02:00");
    }
}
