package io.dayshift.runbook.upgrade;

import io.dayshift.engine.ProcessVariable;
import io.dayshift.engine.RunLog;
import io.dayshift.kolla.KollaRunHandle;

/** The variables of {@code rolling-upgrade}. */
public final class RollingUpgradeVariables {

    // ---- start
    public static final ProcessVariable<String> SITE = ProcessVariable.string("site");
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
    /** Out of site-health-check. */
    public static final ProcessVariable<String> HEALTH = ProcessVariable.string("health");
    public static final ProcessVariable<String> HEALTH_SUMMARY = ProcessVariable.string("healthSummary");
    public static final ProcessVariable<String> HEALTH_AFTER = ProcessVariable.string("healthAfter");
    public static final ProcessVariable<String> HEALTH_AFTER_SUMMARY = ProcessVariable.string("healthAfterSummary");
    /** Out of backup-site: which backup the rollback restores. */
    public static final ProcessVariable<String> BACKUP_ID = ProcessVariable.string("backupId");
    public static final ProcessVariable<Boolean> BACKUP_COMPLETE = ProcessVariable.bool("backupComplete");
    public static final ProcessVariable<String> BACKUP_SUMMARY = ProcessVariable.string("backupSummary");
    /** The release each compute host was seen on by this run (host → release). */
    public static final ProcessVariable<HostReleases> HOST_RELEASES = ProcessVariable.json("hostReleases", HostReleases.class);

    // ---- per step (local to one instance of a step loop)
    public static final ProcessVariable<UpgradeStep> STEP = ProcessVariable.json("step", UpgradeStep.class);
    /** {@code waiting}, {@code ready}, {@code failed}: the gateways read it. */
    public static final ProcessVariable<String> STEP_OUTCOME = ProcessVariable.string("stepOutcome");
    public static final ProcessVariable<String> STAGE = ProcessVariable.string("stage");
    public static final ProcessVariable<String> DEADLINE = ProcessVariable.string("deadline");
    /** A failure the start itself met (a charm action failed); the check reports it. */
    public static final ProcessVariable<String> STEP_FAILURE = ProcessVariable.string("stepFailure");
    public static final ProcessVariable<String> FAILURE_REPORT = ProcessVariable.string("failureReport");
    public static final ProcessVariable<KollaRunHandle> KOLLA_RUN = ProcessVariable.json("kollaRun", KollaRunHandle.class);
    /** From 1; an operator's retry counts one more, so a retried kolla run gets a new run id. */
    public static final ProcessVariable<Long> ATTEMPT = ProcessVariable.number("attempt");
    public static final ProcessVariable<HostBatch> BATCH = ProcessVariable.json("batch", HostBatch.class);
    public static final ProcessVariable<String> HOST = ProcessVariable.string("host");
    public static final ProcessVariable<Boolean> DRAINED = ProcessVariable.bool("drained");
    public static final ProcessVariable<String> DRAIN_SUMMARY = ProcessVariable.string("drainSummary");
    public static final ProcessVariable<Boolean> HOST_VERIFIED = ProcessVariable.bool("hostVerified");
    public static final ProcessVariable<String> SMOKE_INSTANCE = ProcessVariable.string("smokeInstance");

    // ---- decisions
    public static final ProcessVariable<String> DECISION = ProcessVariable.string("decision");
    public static final ProcessVariable<String> NOTE = ProcessVariable.string("note");
    /** The decision that halted the upgrade ({@code roll-back} or {@code stop}), at the process's level for {@code Gateway_HaltDecision}. */
    public static final ProcessVariable<String> HALT_DECISION = ProcessVariable.string("haltDecision");
    /** Who halted it, where and why (one line). */
    public static final ProcessVariable<String> HALTED = ProcessVariable.string("halted");
    /** Sent with the {@code RollbackRequested} message (an incident run). */
    public static final ProcessVariable<String> REQUESTED_BY = ProcessVariable.string("requestedBy");
    /** What the run hands over to an operator (charmed rollback, failed kolla rollback): the exact state. */
    public static final ProcessVariable<String> HAND_OVER_STATE = ProcessVariable.string("handOverState");

    // ---- output
    /** Kolla rollback: every compute host back on the previous release. */
    public static final ProcessVariable<Boolean> ROLLED_BACK = ProcessVariable.bool("rolledBack");
    public static final ProcessVariable<Boolean> UPGRADED = ProcessVariable.bool("upgraded");
    public static final ProcessVariable<String> SUMMARY = RunLog.SUMMARY;

    private RollingUpgradeVariables() {
    }
}
