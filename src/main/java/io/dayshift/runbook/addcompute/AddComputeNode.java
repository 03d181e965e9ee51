package io.dayshift.runbook.addcompute;

import io.dayshift.runbook.RunIdentity;
import io.dayshift.site.Sites;
import io.dayshift.runbook.InputProblems;
import io.dayshift.runbook.RunVariables;
import org.camunda.bpm.engine.delegate.VariableScope;
import io.dayshift.engine.ProcessVariable;
import io.dayshift.runbook.SettingChecks;
import io.dayshift.runbook.await.Operation;
import io.dayshift.runbook.healthcheck.Finding;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code processes/add-compute-node.bpmn}, the one class of the runbook: its key, error code, decisions, element ids
 * ({@link Elements}), variables ({@link Variables}) and settings, {@code dayshift.runbooks.add-compute-node.*}: the MAAS tag
 * a compute machine must carry, how often the waits look and how long each may take before an ops lead decides. The model
 * reads them as {@code ${addComputeNode.checkInterval}}, {@code ${addComputeNode.machineDeadline}}, …
 */
@Component("addComputeNode")
public class AddComputeNode implements RunIdentity {

    public static final String PROCESS_KEY = "add-compute-node";
    /** The called runbook that judges the site before anything is changed. */
    public static final String HEALTH_CHECK_KEY = "site-health-check";

    /** Error code: the input names something that does not exist or cannot be added; nothing was done. */
    public static final String INPUT_REJECTED = "INPUT_REJECTED";

    /**
     * The ops lead's decisions when a wait failed or passed its deadline (offered in await-operation: {@code decisions} of each
     * call) and after a rejected rollback ({@code Task_DecideAgain}).
     */
    public static final String RETRY = "retry";
    public static final String ROLL_BACK = "roll-back";

    /** The kolla-ansible actions that add a compute host, in order, each {@code --limit <host>}. */
    public static final List<String> KOLLA_ACTIONS = List.of("bootstrap-servers", "pull", "deploy");
    /** The Juju application of compute hosts. */
    public static final String COMPUTE_APPLICATION = "nova-compute";
    /** The Kolla inventory group of compute hosts. */
    public static final String COMPUTE_GROUP = "compute";

    public static final String START_FORM = "add-compute-node-start";
    public static final String APPROVE_ADDITION_FORM = "add-compute-node-approve-addition";
    public static final String DECIDE_AGAIN_FORM = "add-compute-node-decide-again";
    public static final String APPROVE_ROLLBACK_FORM = "add-compute-node-approve-rollback";

    /** The element ids code and tests use. */
    public static final class Elements {

        public static final String START_EVENT = "StartEvent_AdditionRequested";
        public static final String VALIDATE_INPUT = "Task_ValidateInput";
        public static final String INPUT_REJECTED_EVENT = "Event_InputRejected";
        public static final String INPUT_REJECTED_END = "EndEvent_InputRejected";
        public static final String CHECK_SITE_HEALTH = "Task_CheckSiteHealth";
        public static final String SITE_HEALTHY = "Gateway_SiteHealthy";
        public static final String REPORT_UNHEALTHY_SITE = "Task_ReportUnhealthySite";
        public static final String SITE_UNHEALTHY_END = "EndEvent_SiteUnhealthy";
        public static final String PLAN_ADDITION = "Task_PlanAddition";
        public static final String APPROVE_ADDITION = "Task_ApproveAddition";
        public static final String ADDITION_APPROVED = "Gateway_AdditionApproved";
        public static final String RECORD_REJECTION = "Task_RecordRejection";
        public static final String ADDITION_REJECTED_END = "EndEvent_AdditionRejected";
        public static final String WHICH_FLAVOUR = "Gateway_WhichFlavour";

        public static final String ADD_COMPUTE_UNIT = "Task_AddComputeUnit";
        public static final String AWAIT_UNIT = "Task_AwaitUnit";
        public static final String UNIT_READY = "Gateway_UnitReady";

        public static final String DEPLOY_MACHINE = "Task_DeployMachine";
        public static final String AWAIT_MACHINE = "Task_AwaitMachine";
        public static final String MACHINE_DEPLOYED = "Gateway_MachineDeployed";
        public static final String ADD_HOST_TO_INVENTORY = "Task_AddHostToInventory";
        public static final String RUN_KOLLA_ACTIONS = "SubProcess_RunKollaActions";
        public static final String KOLLA_ACTION_STARTED = "StartEvent_KollaActionStarted";
        public static final String START_KOLLA_RUN = "Task_StartKollaRun";
        public static final String AWAIT_KOLLA_RUN = "Task_AwaitKollaRun";
        public static final String KOLLA_ACTION_DONE_END = "EndEvent_KollaActionDone";
        public static final String KOLLA_RUNS_DONE = "Gateway_KollaRunsDone";

        public static final String DEPLOYED = "Gateway_Deployed";
        public static final String DISCOVER_COMPUTE_HOSTS = "Task_DiscoverComputeHosts";
        public static final String AWAIT_HYPERVISOR = "Task_AwaitHypervisor";
        public static final String HYPERVISOR_UP = "Gateway_HypervisorUp";
        public static final String SMOKE_TEST = "Task_SmokeTest";
        public static final String SMOKE_TEST_PASSED = "Gateway_SmokeTestPassed";
        public static final String SUMMARISE_ADDITION = "Task_SummariseAddition";
        public static final String COMPUTE_NODE_ADDED_END = "EndEvent_ComputeNodeAdded";

        public static final String APPROVE_ROLLBACK = "Task_ApproveRollback";
        public static final String ROLLBACK_APPROVED = "Gateway_RollbackApproved";
        public static final String DECIDE_AGAIN = "Task_DecideAgain";
        public static final String RETRY_OR_ROLL_BACK = "Gateway_RetryOrRollBack";
        public static final String DISABLE_COMPUTE_SERVICE = "Task_DisableComputeService";
        public static final String ROLLBACK_FLAVOUR = "Gateway_RollbackFlavour";
        public static final String REMOVE_COMPUTE_UNIT = "Task_RemoveComputeUnit";
        public static final String REMOVE_HOST_FROM_INVENTORY = "Task_RemoveHostFromInventory";
        public static final String HOST_REMOVED = "Gateway_HostRemoved";
        public static final String RELEASE_MACHINE = "Task_ReleaseMachine";
        public static final String SUMMARISE_ROLLBACK = "Task_SummariseRollback";
        public static final String ADDITION_ROLLED_BACK_END = "EndEvent_AdditionRolledBack";

        public static final String ERROR_INPUT_REJECTED = "Error_InputRejected";

        private Elements() {
        }
    }

    /**
     * The runbook's own variables; {@code site}, {@code flavour}, {@code health}, {@code healthSummary}, {@code decision} and
     * {@code note} are {@link io.dayshift.runbook.RunVariables}, what a wait returns is {@link io.dayshift.runbook.await.AwaitOperation}'s.
     * The start form gives {@code site}, {@link #MACHINE} and optionally {@link #AVAILABILITY_ZONE}; the run keeps references
     * (a MAAS system id, a Juju unit, the awaited operation's handle), never API payloads.
     */
    public static final class Variables {

        /** The MAAS hostname of the machine to add (start); it becomes the compute host's name. */
        public static final ProcessVariable<String> MACHINE = ProcessVariable.string("machine");
        /** The Nova availability zone the host must join (start, optional: empty for the zone of its MAAS machine). */
        public static final ProcessVariable<String> AVAILABILITY_ZONE = ProcessVariable.string("availabilityZone");

        /** The machine's MAAS system id. */
        public static final ProcessVariable<String> SYSTEM_ID = ProcessVariable.string("systemId");
        /** The availability zone the new host joins: the start form's, or its MAAS zone. */
        public static final ProcessVariable<String> ZONE = ProcessVariable.string("zone");
        /** The machine's capacity as MAAS reports it, e.g. {@code 32 CPU threads, 131072 MiB RAM, 1800 GB disk}. */
        public static final ProcessVariable<String> CAPACITY = ProcessVariable.string("capacity");
        /** The machine's CPU threads and RAM, which the new hypervisor must report. */
        public static final ProcessVariable<Long> CPU_COUNT = ProcessVariable.number("cpuCount");
        public static final ProcessVariable<Long> MEMORY_MIB = ProcessVariable.number("memoryMib");
        /** The plan the approvers read. */
        public static final ProcessVariable<String> PLAN = ProcessVariable.string("plan");

        /** The site health check's findings (out of {@code site-health-check}), and as text for the forms and the summary. */
        public static final ProcessVariable<List<Finding>> HEALTH_FINDINGS = ProcessVariable.list("healthFindings", Finding.class);
        public static final ProcessVariable<String> HEALTH_REPORT = ProcessVariable.string("healthReport");

        /** Charmed: the new unit and its Juju machine. */
        public static final ProcessVariable<String> UNIT = ProcessVariable.string("unit");
        public static final ProcessVariable<String> JUJU_MACHINE = ProcessVariable.string("jujuMachine");

        /** Kolla: the kolla-ansible action of this turn of {@code SubProcess_RunKollaActions} (its element variable). */
        public static final ProcessVariable<String> KOLLA_ACTION = ProcessVariable.string("kollaAction");
        /**
         * How many times the deployment was started: {@code Gateway_WhichFlavour} counts one more each time it is passed (1,
         * then one more per retry), and the smoke test's own retries count too. Part of every run id and smoke instance's name.
         */
        public static final ProcessVariable<Long> ATTEMPT = ProcessVariable.number("attempt");

        private Variables() {
        }
    }

    private final String computeTag;
    private final Duration checkInterval;
    private final Duration machineDeadline;
    private final Duration unitDeadline;
    private final Duration kollaRunDeadline;
    private final Duration hypervisorDeadline;
    private final Duration smokeTestDeadline;

    AddComputeNode(
            @Value("${dayshift.runbooks.add-compute-node.compute-tag:openstack-compute}") String computeTag,
            @Value("${dayshift.runbooks.add-compute-node.check-interval:PT30S}") Duration checkInterval,
            @Value("${dayshift.runbooks.add-compute-node.machine-deadline:PT45M}") Duration machineDeadline,
            @Value("${dayshift.runbooks.add-compute-node.unit-deadline:PT60M}") Duration unitDeadline,
            @Value("${dayshift.runbooks.add-compute-node.kolla-run-deadline:PT90M}") Duration kollaRunDeadline,
            @Value("${dayshift.runbooks.add-compute-node.hypervisor-deadline:PT15M}") Duration hypervisorDeadline,
            @Value("${dayshift.runbooks.add-compute-node.smoke-test-deadline:PT10M}") Duration smokeTestDeadline) {
        SettingChecks settings = new SettingChecks("dayshift.runbooks.add-compute-node");
        this.computeTag = settings.text("compute-tag", computeTag, "a MAAS tag");
        this.checkInterval = settings.positive("check-interval", checkInterval);
        this.machineDeadline = settings.atLeast("machine-deadline", machineDeadline, "check interval", checkInterval);
        this.unitDeadline = settings.atLeast("unit-deadline", unitDeadline, "check interval", checkInterval);
        this.kollaRunDeadline = settings.atLeast("kolla-run-deadline", kollaRunDeadline, "check interval", checkInterval);
        this.hypervisorDeadline = settings.atLeast("hypervisor-deadline", hypervisorDeadline, "check interval", checkInterval);
        this.smokeTestDeadline = settings.atLeast("smoke-test-deadline", smokeTestDeadline, "check interval", checkInterval);
    }

    /** The MAAS tag a compute machine must carry. */
    public String computeTag() {
        return computeTag;
    }

    /** How often a wait looks, and its first look: an ISO-8601 duration, e.g. {@code PT30S}. */
    public String getCheckInterval() {
        return checkInterval.toString();
    }

    /** How long the MAAS deployment (kolla) may take. */
    public String getMachineDeadline() {
        return machineDeadline.toString();
    }

    /** How long the new unit may take to be active/idle (charmed). */
    public String getUnitDeadline() {
        return unitDeadline.toString();
    }

    /** How long each kolla-ansible action may take. */
    public String getKollaRunDeadline() {
        return kollaRunDeadline.toString();
    }

    /** How long the new host's nova-compute service and hypervisor may take to come up. */
    public String getHypervisorDeadline() {
        return hypervisorDeadline.toString();
    }

    /** How long the smoke-test instance may take to be ACTIVE. */
    public String getSmokeTestDeadline() {
        return smokeTestDeadline.toString();
    }

    /** The kolla-ansible actions, for {@code SubProcess_RunKollaActions}' collection. */
    public List<String> getKollaActions() {
        return KOLLA_ACTIONS;
    }

    /** What {@code Task_AwaitHypervisor} awaits: the new host's nova-compute service and hypervisor, with the machine's CPU and RAM. */
    public Operation newHypervisor(String site, String host, String zone, Long cpuCount, Long memoryMib) {
        return NewHypervisorProbe.operation(site, host, zone, cpuCount, memoryMib);
    }

    @Override
    public String processKey() {
        return PROCESS_KEY;
    }

    /** The run's name (its business key, {@code RunNames}). */
    @Override
    public String name(VariableScope start) {
        return "add compute " + RunIdentity.value(start, Variables.MACHINE.name()) + " @ " + RunIdentity.value(start, RunVariables.SITE.name());
    }

    /** At start, before any look at the site ({@code RunNames}): the site is configured and the fields are given. */
    @Override
    public void checkStart(VariableScope start, Sites sites, InputProblems problems) {
        RunIdentity.super.checkStart(start, sites, problems);
        problems.hostName(Variables.MACHINE.name(), RunIdentity.text(start, Variables.MACHINE.name()));
    }
}
