package io.dayshift.runbook.restore;

import io.dayshift.runbook.RunIdentity;
import io.dayshift.site.Sites;
import io.dayshift.runbook.InputProblems;
import org.camunda.bpm.engine.delegate.VariableScope;
import io.dayshift.engine.ProcessVariable;
import io.dayshift.engine.RunLog;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.runbook.RunVariables;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.await.KollaRunProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code processes/dr-restore.bpmn}, the disaster-recovery restore of a site from a backup of the catalogue: its key,
 * element ids, variables and settings ({@code dayshift.runbooks.dr-restore.*}): the DR plan's objectives (RPO 24 h, RTO
 * 4 h), the escalations at 2 h, 3 h and 4 h from the start, and the waits. The model reads durations as ISO-8601 strings
 * ({@code ${drRestore.firstEscalation}}), delegates read {@link Duration}s. Start: {@code site}, {@code backupId},
 * {@code scope}.
 */
@Component("drRestore")
public class DrRestore implements RunIdentity {

    public static final String PROCESS_KEY = "dr-restore";

    /** Error codes: the input refused; a restore step failed (the charmed dump restore, which rolling-upgrade's rollback reuses). */
    public static final String INPUT_REJECTED = "INPUT_REJECTED";
    public static final String RESTORE_STEP_FAILED = "RESTORE_STEP_FAILED";
    /** A detached step did not end well and an ops lead decided, in await-operation, to retry or abandon the restore. */
    public static final String RESTORE_STEP_DECIDED = "RESTORE_STEP_DECIDED";

    /** Decisions. */
    public static final String READY = "ready";
    public static final String NOT_READY = "not-ready";
    public static final String ACCEPT = "accept";
    public static final String RETRY = "retry";
    public static final String ABANDON = "abandon";

    /** The element ids code and tests use. */
    public static final class Elements {

        public static final String START = "StartEvent_RestoreRequested";
        public static final String VALIDATE_INPUT = "Task_ValidateInput";
        public static final String WITHIN_RPO = "Gateway_WithinRpo";
        public static final String APPROVE_DATA_LOSS = "Task_ApproveDataLoss";
        public static final String RECORD_DATA_LOSS_REJECTED = "Task_RecordDataLossRejected";
        public static final String CONFIRM_INFRASTRUCTURE = "Task_ConfirmInfrastructure";
        public static final String RECORD_INFRASTRUCTURE_NOT_READY = "Task_RecordInfrastructureNotReady";
        public static final String APPROVE_RESTORE = "Task_ApproveRestore";
        public static final String RECORD_RESTORE_REJECTED = "Task_RecordRestoreRejected";

        // ---- the restore steps (the collapsed sub-process): start, a run started?, await it, ended well?
        public static final String RESTORE_SITE = "SubProcess_RestoreSite";
        public static final String STOP_SERVICES = "Task_StopAffectedServices";
        public static final String STOP_STARTED = "Gateway_StopStarted";
        public static final String AWAIT_STOP = "Task_AwaitStop";
        public static final String STOP_DONE = "Gateway_StopDone";
        public static final String RESTORE_CONFIGURATION = "Task_RestoreConfiguration";
        public static final String RESTORE_DATABASES = "Task_RestoreDatabases";
        public static final String DATABASE_RESTORE_STARTED = "Gateway_DatabaseRestoreStarted";
        public static final String AWAIT_DATABASE_RESTORE = "Task_AwaitDatabaseRestore";
        public static final String DATABASE_RESTORE_DONE = "Gateway_DatabaseRestoreDone";
        public static final String RECOVER_DATABASE_CLUSTER = "Task_RecoverDatabaseCluster";
        public static final String RECOVERY_STARTED = "Gateway_RecoveryStarted";
        public static final String AWAIT_RECOVERY = "Task_AwaitRecovery";
        public static final String RECOVERY_DONE = "Gateway_RecoveryDone";
        public static final String VERIFY_DATABASE_RESTORE = "Task_VerifyDatabaseRestore";
        public static final String ROWS_MATCH = "Gateway_RowsMatch";
        public static final String DECIDE_ROW_MISMATCH = "Task_DecideRowCountMismatch";
        public static final String REDEPLOY_CONTROLLERS = "Task_RedeployControllers";
        public static final String REDEPLOY_STARTED = "Gateway_RedeployStarted";
        public static final String AWAIT_REDEPLOY = "Task_AwaitRedeploy";
        public static final String REDEPLOY_DONE = "Gateway_RedeployDone";
        public static final String RESYNC_COMPUTES = "Task_ResyncComputes";
        public static final String RESYNC_STARTED = "Gateway_ResyncStarted";
        public static final String AWAIT_RESYNC = "Task_AwaitResync";
        public static final String RESYNC_DONE = "Gateway_ResyncDone";
        public static final String DISCOVER_COMPUTE_HOSTS = "Task_DiscoverComputeHosts";
        public static final String END_RESTORE_STEPS_DONE = "EndEvent_RestoreStepsDone";
        public static final String END_MISMATCH_NOT_ACCEPTED = "EndEvent_MismatchNotAccepted";
        public static final String END_RESTORE_STEP_DECIDED = "EndEvent_RestoreStepDecided";

        // ---- failures, verification, outcome
        public static final String RESTORE_STEP_FAILED_EVENT = "Event_RestoreStepFailed";
        public static final String RESTORE_STEP_DECIDED_EVENT = "Event_RestoreStepDecided";
        public static final String DECIDE_RESTORE_FAILURE = "Task_DecideRestoreFailure";
        public static final String FAILURE_DECISION = "Gateway_FailureDecision";
        public static final String PREPARE_RETRY = "Task_PrepareRetry";
        public static final String SUMMARISE_ABANDONED = "Task_SummariseAbandonedRestore";
        public static final String RESTORE_ABANDONED_GATEWAY = "Gateway_RestoreAbandoned";
        public static final String VERIFY_SERVICES = "Task_VerifyServices";
        public static final String SMOKE_TEST = "Task_SmokeTest";
        public static final String SUMMARISE_RESTORE = "Task_SummariseRestore";
        public static final String SITE_VERIFIED = "Gateway_SiteVerified";

        // ---- escalations
        public static final String FIRST_ESCALATION = "StartEvent_FirstEscalationDue";
        public static final String SECOND_ESCALATION = "StartEvent_SecondEscalationDue";
        public static final String RTO_BREACHED = "StartEvent_RtoBreached";
        public static final String NOTIFY_FIRST_ESCALATION = "Task_NotifyFirstEscalation";
        public static final String NOTIFY_SECOND_ESCALATION = "Task_NotifySecondEscalation";
        public static final String NOTIFY_RTO_BREACHED = "Task_NotifyRtoBreached";
        public static final String ACKNOWLEDGE_FIRST_ESCALATION = "Task_AcknowledgeFirstEscalation";
        public static final String ACKNOWLEDGE_SECOND_ESCALATION = "Task_AcknowledgeSecondEscalation";
        public static final String ACKNOWLEDGE_RTO_BREACHED = "Task_AcknowledgeRtoBreached";

        public static final String END_INPUT_REJECTED = "EndEvent_InputRejected";
        public static final String END_DATA_LOSS_REJECTED = "EndEvent_DataLossRejected";
        public static final String END_INFRASTRUCTURE_NOT_READY = "EndEvent_InfrastructureNotReady";
        public static final String END_RESTORE_REJECTED = "EndEvent_RestoreRejected";
        public static final String END_RESTORE_ABANDONED = "EndEvent_RestoreAbandoned";
        public static final String END_SITE_RESTORED = "EndEvent_SiteRestored";
        public static final String END_RESTORED_NOT_VERIFIED = "EndEvent_RestoredNotVerified";

        private Elements() {
        }
    }

    /**
     * The variables of the restore. The variables every runbook has ({@code site}, {@code flavour}: {@code kolla} or
     * {@code charmed}, {@code decision}, {@code note}) are in {@link io.dayshift.runbook.RunVariables}; the wait's
     * ({@code operation}, {@code operationOutcome}, {@code operationDetail}) in {@link AwaitOperation}.
     */
    public static final class Variables {

        public static final ProcessVariable<String> BACKUP_ID = ProcessVariable.string("backupId");
        /** {@code database}, {@code config} or {@code full}. */
        public static final ProcessVariable<String> SCOPE = ProcessVariable.string("scope");

        /** When the run started (the RTO clock), ISO-8601. */
        public static final ProcessVariable<String> STARTED_AT = ProcessVariable.string("restoreStartedAt");
        /** How old the backup's database artefact (or, for a config restore, its config artefact) was at validation, in hours. */
        public static final ProcessVariable<Long> BACKUP_AGE_HOURS = ProcessVariable.number("backupAgeHours");
        public static final ProcessVariable<Long> RPO_HOURS = ProcessVariable.number("rpoHours");
        public static final ProcessVariable<Long> RTO_HOURS = ProcessVariable.number("rtoHours");
        /** {@code Gateway_WithinRpo} reads it. */
        public static final ProcessVariable<Boolean> WITHIN_RPO = ProcessVariable.bool("withinRpo");
        /** What the approval and operator forms show: the backup, its artefacts and the steps. */
        public static final ProcessVariable<String> PLAN = ProcessVariable.string("restorePlan");
        /** Evidence for an operator's form. */
        public static final ProcessVariable<String> EVIDENCE = ProcessVariable.string("evidence");

        /** What the latest escalation said (its acknowledgement form shows it). */
        public static final ProcessVariable<String> ESCALATION = ProcessVariable.string("escalation");

        /** The step whose run is awaited; when the wait ends well, the step is completed. */
        public static final ProcessVariable<String> AWAITED_STEP = ProcessVariable.string("awaitedStep");
        /** What the charmed dump restore said when it failed (the error message of the boundary event). */
        public static final ProcessVariable<String> FAILURE = ProcessVariable.string("failure");
        /** 1 for the first pass through the restore, +1 for each retry an ops lead decides. */
        public static final ProcessVariable<Long> ATTEMPT = ProcessVariable.number("restoreAttempt");
        /** Restore steps that ended well (a retry skips them). */
        public static final ProcessVariable<CompletedSteps> COMPLETED = ProcessVariable.json("completedSteps", CompletedSteps.class);

        /** {@code Gateway_RowsMatch} reads it: true only when the counts were compared and differ. */
        public static final ProcessVariable<Boolean> ROWS_MISMATCH = ProcessVariable.bool("rowsMismatch");
        /** The comparison, one line per table. */
        public static final ProcessVariable<String> ROW_CHECK = ProcessVariable.string("rowCheck");

        /** Verification. */
        public static final ProcessVariable<Boolean> SERVICES_OK = ProcessVariable.bool("servicesOk");
        public static final ProcessVariable<String> SERVICE_CHECK = ProcessVariable.string("serviceCheck");
        /** Mapped out of smoke-test-instance: its outcome ({@code SUCCEEDED}: ACTIVE) and what its last look found. */
        public static final ProcessVariable<String> TEST_OUTCOME = ProcessVariable.string("testInstanceOutcome");
        public static final ProcessVariable<String> TEST_DETAIL = ProcessVariable.string("testInstanceDetail");
        /** Output: every check passed. */
        public static final ProcessVariable<Boolean> VERIFIED = ProcessVariable.bool("verified");
        /** Output: start to verified, in minutes, and whether that was within the RTO. */
        public static final ProcessVariable<Long> ACHIEVED_RTO_MINUTES = ProcessVariable.number("achievedRtoMinutes");
        public static final ProcessVariable<Boolean> RTO_MET = ProcessVariable.bool("rtoMet");
        /** Output: true once the restore steps ran to their end. */
        public static final ProcessVariable<Boolean> RESTORED = ProcessVariable.bool("restored");
        /** Charmed: the API units the run paused for the database restore (resumed with the controllers' redeploy). */
        public static final ProcessVariable<UnitList> PAUSED_UNITS = ProcessVariable.json("pausedUnits", UnitList.class);
        /** Hand-over notes for what Dayshift does not do on this site (charmed: Juju controller, Vault, Ceph). */
        public static final ProcessVariable<HandOver> HAND_OVER = ProcessVariable.json("handOver", HandOver.class);

        private Variables() {
        }
    }

    /** The ids of the restore steps that ended well. */
    public record CompletedSteps(List<String> steps) {
        public CompletedSteps {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }

        CompletedSteps with(String step) {
            List<String> more = new ArrayList<>(steps);
            if (!more.contains(step)) {
                more.add(step);
            }
            return new CompletedSteps(more);
        }
    }

    /** What an operator must do by hand, one line each. */
    public record HandOver(List<String> notes) {
        public HandOver {
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        HandOver with(String note) {
            List<String> more = new ArrayList<>(notes);
            if (!more.contains(note)) {
                more.add(note);
            }
            return new HandOver(more);
        }
    }

    /** Juju unit names. */
    public record UnitList(List<String> units) {
        public UnitList {
            units = units == null ? List.of() : List.copyOf(units);
        }
    }

    private final Duration rpo;
    private final Duration rto;
    private final Duration firstEscalation;
    private final Duration secondEscalation;
    private final Duration checkInterval;
    private final Duration runDeadline;
    private final Duration testInstanceDeadline;

    DrRestore(
            @Value("${dayshift.runbooks.dr-restore.rpo:PT24H}") Duration rpo,
            @Value("${dayshift.runbooks.dr-restore.rto:PT4H}") Duration rto,
            @Value("${dayshift.runbooks.dr-restore.first-escalation:PT2H}") Duration firstEscalation,
            @Value("${dayshift.runbooks.dr-restore.second-escalation:PT3H}") Duration secondEscalation,
            @Value("${dayshift.runbooks.dr-restore.check-interval:PT30S}") Duration checkInterval,
            @Value("${dayshift.runbooks.dr-restore.run-deadline:PT2H}") Duration runDeadline,
            @Value("${dayshift.runbooks.dr-restore.test-instance-deadline:PT10M}") Duration testInstanceDeadline) {
        Map<String, Duration> all = Map.of("rpo", rpo, "rto", rto, "first-escalation", firstEscalation, "second-escalation", secondEscalation,
                "check-interval", checkInterval, "run-deadline", runDeadline, "test-instance-deadline", testInstanceDeadline);
        all.forEach((name, d) -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("dayshift.runbooks.dr-restore." + name + " must be a positive duration, not " + d);
            }
        });
        if (firstEscalation.compareTo(secondEscalation) >= 0 || secondEscalation.compareTo(rto) >= 0) {
            throw new IllegalArgumentException("dayshift.runbooks.dr-restore: the escalations must come in order before the RTO: first-escalation "
                    + firstEscalation + " < second-escalation " + secondEscalation + " < rto " + rto);
        }
        this.rpo = rpo;
        this.rto = rto;
        this.firstEscalation = firstEscalation;
        this.secondEscalation = secondEscalation;
        this.checkInterval = checkInterval;
        this.runDeadline = runDeadline;
        this.testInstanceDeadline = testInstanceDeadline;
    }

    Duration rpo() {
        return rpo;
    }

    Duration rto() {
        return rto;
    }

    /** Timer of {@code StartEvent_FirstEscalationDue}. */
    public String getFirstEscalation() {
        return firstEscalation.toString();
    }

    /** Timer of {@code StartEvent_SecondEscalationDue}. */
    public String getSecondEscalation() {
        return secondEscalation.toString();
    }

    /** Timer of {@code StartEvent_RtoBreached}: the RTO itself. */
    public String getRtoBreach() {
        return rto.toString();
    }

    /** How often a detached run and the test instance are looked at (the first look too). */
    public String getCheckInterval() {
        return checkInterval.toString();
    }

    /** How long a detached kolla-ansible run may take before an ops lead is asked. */
    public String getRunDeadline() {
        return runDeadline.toString();
    }

    /** How long the test instance may take to become ACTIVE. */
    public String getTestInstanceDeadline() {
        return testInstanceDeadline.toString();
    }

    /** The test instance's base name (the smoke test appends its attempt), which says which run booted it. */
    public String testInstanceName(DelegateExecution execution) {
        return "dayshift-dr-test-" + execution.getProcessInstanceId();
    }

    // ---- the restore steps' bookkeeping

    /** The run id of a detached step: the same for every retry of this job, new for each attempt an ops lead decides. */
    static String runId(DelegateExecution execution) {
        return execution.getProcessInstanceId() + "-" + execution.getCurrentActivityId() + "-" + Variables.ATTEMPT.find(execution).orElse(1L);
    }

    /** True (and recorded) when this step ended well in an earlier attempt of this run: a retry resumes after it. */
    static boolean doneBefore(DelegateExecution execution) {
        boolean done = Variables.COMPLETED.find(execution).map(c -> c.steps().contains(execution.getCurrentActivityId())).orElse(false);
        if (done) {
            started(execution, "", null);
            RunLog.record(execution, "none", "", "skipped: done in an earlier attempt of this run", null, "");
        }
        return done;
    }

    /**
     * Hands the detached run {@code handle} changing {@code target} to the wait after this step ({@code operation}, also
     * awaited by rolling-upgrade's rollback, which reuses the database steps); none (null): the step is done, nothing to await.
     */
    static void started(DelegateExecution execution, String target, KollaRunHandle handle) {
        String step = execution.getCurrentActivityId();
        Variables.AWAITED_STEP.set(execution, step);
        if (handle == null) {
            AwaitOperation.OPERATION.set(execution, null);
            completed(execution, step);
        } else {
            AwaitOperation.OPERATION.set(execution, KollaRunProbe.operation(RunVariables.SITE.get(execution), target, handle));
        }
    }

    /** The step ended well: a retry of the restore skips it. */
    static void completed(DelegateExecution execution, String step) {
        Variables.COMPLETED.set(execution.getProcessInstance(), Variables.COMPLETED.find(execution).orElse(new CompletedSteps(null)).with(step));
    }

    static void handOver(DelegateExecution execution, String note) {
        Variables.HAND_OVER.set(execution.getProcessInstance(), Variables.HAND_OVER.find(execution).orElse(new HandOver(null)).with(note));
    }

    /**
     * False, with the step recorded as skipped and nothing to await, when the run's {@code scope} leaves the databases alone;
     * a runbook without a scope (rolling-upgrade's rollback) always restores them.
     */
    static boolean databaseInScope(DelegateExecution execution) {
        String scope = Variables.SCOPE.find(execution).orElse(RestoreScope.DATABASE.word());
        boolean database = RestoreScope.parse(scope).map(RestoreScope::database).orElse(true);
        if (!database) {
            started(execution, "", null);
            Variables.ROWS_MISMATCH.set(execution, false);
            RunLog.record(execution, "none", "", "skipped: the scope is " + scope, null, "");
        }
        return database;
    }

    @Override
    public String processKey() {
        return PROCESS_KEY;
    }

    /** The run's name (its business key, {@code RunNames}). */
    @Override
    public String name(VariableScope start) {
        return "restore " + RunIdentity.value(start, RunVariables.SITE.name()) + " from " + RunIdentity.value(start, Variables.BACKUP_ID.name());
    }

    /** At start, before any look at the site ({@code RunNames}): the site is configured and the fields are given. */
    @Override
    public void checkStart(VariableScope start, Sites sites, InputProblems problems) {
        RunIdentity.super.checkStart(start, sites, problems);
        problems.required(Variables.BACKUP_ID.name(), start.getVariable(Variables.BACKUP_ID.name()), "the backup set's id, e.g. lab-20261121T020000Z");
    }
}
