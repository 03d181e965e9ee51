package io.dayshift.runbook.drain;

import io.dayshift.runbook.RunIdentity;
import io.dayshift.site.Sites;
import io.dayshift.runbook.InputProblems;
import io.dayshift.runbook.RunVariables;
import org.camunda.bpm.engine.delegate.VariableScope;
import io.dayshift.engine.ProcessVariable;
import io.dayshift.runbook.SettingChecks;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code processes/drain-compute-node.bpmn}, the one class of the runbook: its key, error codes, decisions, element ids
 * ({@link Elements}), variables ({@link Variables}) and settings, {@code dayshift.runbooks.drain-compute-node.*}: how
 * often a run looks at a moving instance, how long one move may take before an ops lead decides, and how many instances
 * move at once. The model reads them as {@code ${drainComputeNode.checkInterval}}, {@code ${drainComputeNode.migrationDeadline}}
 * and {@code ${drainComputeNode.batchSize}}.
 */
@Component("drainComputeNode")
public class DrainComputeNode implements RunIdentity {

    public static final String PROCESS_KEY = "drain-compute-node";

    public static final String INPUT_REJECTED = "INPUT_REJECTED";
    public static final String DRAIN_ABORTED = "DRAIN_ABORTED";

    /** The decisions about a migration that failed or outlasted its deadline, offered in await-operation. */
    public static final String MIGRATION_DECISIONS = "retry,skip,abort";
    public static final String RETRY = "retry";
    public static final String SKIP = "skip";
    public static final String ABORT = "abort";
    /** The decisions about a host that is not empty. */
    public static final String RECHECK = "recheck";
    public static final String FINISH = "finish";

    /** The element ids code and tests use. */
    public static final class Elements {
        public static final String START = "StartEvent_DrainRequested";
        public static final String VALIDATE_INPUT = "Task_ValidateInput";
        public static final String LIST_INSTANCES = "Task_ListInstances";
        public static final String PLAN_CAPACITY = "Task_PlanCapacity";
        public static final String CAPACITY_SUFFICIENT = "Gateway_CapacitySufficient";
        public static final String APPROVE_PLAN = "Task_ApprovePlan";
        public static final String PLAN_APPROVED = "Gateway_PlanApproved";
        public static final String RECORD_REJECTION = "Task_RecordRejection";
        public static final String LOOK_AGAIN = "Task_LookAgain";
        public static final String PLAN_AS_APPROVED = "Gateway_PlanAsApproved";
        public static final String DISABLE_COMPUTE_SERVICE = "Task_DisableComputeService";
        public static final String MIGRATE_BATCH = "SubProcess_MigrateBatch";
        public static final String MIGRATE_INSTANCE = "SubProcess_MigrateInstance";
        public static final String START_MIGRATION = "Task_StartMigration";
        public static final String MIGRATION_STARTED = "Gateway_MigrationStarted";
        public static final String AWAIT_MIGRATION = "Task_AwaitMigration";
        public static final String MIGRATION_DONE = "Gateway_MigrationDone";
        public static final String FINISH_MIGRATION = "Task_FinishMigration";
        public static final String INSTANCE_MOVED = "Gateway_InstanceMoved";
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

        private Elements() {
        }
    }

    /**
     * The runbook's variables (the site, the initiator, the decision and note are in {@code RunVariables}). The output
     * contract a calling process (the rolling upgrade, as a call activity) reads: {@link #DRAINED}, {@link #MOVED_INSTANCES},
     * {@link #REMAINING_INSTANCES} and {@code summary}.
     */
    public static final class Variables {
        // ---- start
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
        /** What the host-not-empty form shows: the instances still on the host. */
        public static final ProcessVariable<String> EVIDENCE = ProcessVariable.string("evidence");
        /** Who aborted the migrations, and why (copied from the operator's decision on the abort path). */
        public static final ProcessVariable<String> ABORTED_BY = ProcessVariable.string("abortedBy");
        public static final ProcessVariable<String> ABORT_NOTE = ProcessVariable.string("abortNote");

        // ---- per instance (local to one instance of SubProcess_MigrateInstance)
        public static final ProcessVariable<InstanceBatch> BATCH = ProcessVariable.json("batch", InstanceBatch.class);
        public static final ProcessVariable<String> INSTANCE_ID = ProcessVariable.string("instanceId");
        /** {@code live} or {@code cold}: the move this run asked Nova for last. */
        public static final ProcessVariable<String> MIGRATION_KIND = ProcessVariable.string("migrationKind");
        /** What the last migration step did; the gateways read it (see {@link Outcome}). */
        public static final ProcessVariable<String> MIGRATION_OUTCOME = ProcessVariable.string("migrationOutcome");

        // ---- output contract
        /** True only when the host ended empty with its compute service disabled. */
        public static final ProcessVariable<Boolean> DRAINED = ProcessVariable.bool("drained");
        public static final ProcessVariable<InstanceMoves> MOVED_INSTANCES = ProcessVariable.json("movedInstances", InstanceMoves.class);
        public static final ProcessVariable<InstanceStates> REMAINING_INSTANCES = ProcessVariable.json("remainingInstances", InstanceStates.class);

        private Variables() {
        }
    }

    /** The values of {@link Variables#MIGRATION_OUTCOME}. */
    public static final class Outcome {
        /** A move was asked for (or one was in flight already, or Nova refused it): await it. */
        public static final String STARTED = "started";
        /** The instance was gone or on another host before this run moved it. */
        public static final String ELSEWHERE = "elsewhere";
        /** Nova refused the move; the await's first look reports it, and an ops lead decides. */
        public static final String REFUSED = "refused";
        /** The instance this run moved has settled on another host. */
        public static final String MOVED = "moved";

        private Outcome() {
        }
    }

    /** {@link Variables#MIGRATION_KIND}. */
    public static final String LIVE = "live";
    public static final String COLD = "cold";

    private final Duration checkInterval;
    private final Duration migrationDeadline;
    private final int batchSize;

    DrainComputeNode(
            @Value("${dayshift.runbooks.drain-compute-node.check-interval:PT30S}") Duration checkInterval,
            @Value("${dayshift.runbooks.drain-compute-node.migration-deadline:PT30M}") Duration migrationDeadline,
            @Value("${dayshift.runbooks.drain-compute-node.batch-size:3}") int batchSize) {
        SettingChecks settings = new SettingChecks("dayshift.runbooks.drain-compute-node");
        this.checkInterval = settings.positive("check-interval", checkInterval);
        this.migrationDeadline = settings.atLeast("migration-deadline", migrationDeadline, "check interval", checkInterval);
        this.batchSize = settings.between("batch-size", batchSize, 1, 50);
    }

    /** The wait before the first look at a moving instance and between two looks (ISO 8601, e.g. {@code PT30S}). */
    public String getCheckInterval() {
        return checkInterval.toString();
    }

    /** How long one instance's move may take before an ops lead decides (ISO 8601, e.g. {@code PT30M}). */
    public String getMigrationDeadline() {
        return migrationDeadline.toString();
    }

    /** How many instances are migrated at once. */
    public int getBatchSize() {
        return batchSize;
    }

    @Override
    public String processKey() {
        return PROCESS_KEY;
    }

    /** The run's name (its business key, {@code RunNames}). */
    @Override
    public String name(VariableScope start) {
        return "drain " + RunIdentity.value(start, Variables.HOST.name()) + " @ " + RunIdentity.value(start, RunVariables.SITE.name());
    }

    /** At start, before any look at the site ({@code RunNames}): the site is configured and the fields are given. */
    @Override
    public void checkStart(VariableScope start, Sites sites, InputProblems problems) {
        RunIdentity.super.checkStart(start, sites, problems);
        problems.hostName(Variables.HOST.name(), RunIdentity.text(start, Variables.HOST.name()));
        problems.required(Variables.REASON.name(), start.getVariable(Variables.REASON.name()), "a reason (it becomes the compute service's disabled reason)");
    }
}
