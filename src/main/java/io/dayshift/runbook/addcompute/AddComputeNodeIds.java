package io.dayshift.runbook.addcompute;

/** The process key, element ids, error codes, decisions and check outcomes of {@code processes/add-compute-node.bpmn}, once. */
public final class AddComputeNodeIds {

    public static final String PROCESS_KEY = "add-compute-node";
    /** The called runbook that judges the site before anything is changed. */
    public static final String HEALTH_CHECK_KEY = "site-health-check";

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
    public static final String WAIT_UNIT = "Timer_WaitUnit";
    public static final String CHECK_UNIT = "Task_CheckUnit";
    public static final String UNIT_READY = "Gateway_UnitReady";

    public static final String DEPLOY_MACHINE = "Task_DeployMachine";
    public static final String WAIT_MACHINE = "Timer_WaitMachine";
    public static final String CHECK_MACHINE = "Task_CheckMachine";
    public static final String MACHINE_DEPLOYED = "Gateway_MachineDeployed";
    public static final String ADD_HOST_TO_INVENTORY = "Task_AddHostToInventory";
    public static final String START_KOLLA_RUN = "Task_StartKollaRun";
    public static final String WAIT_KOLLA_RUN = "Timer_WaitKollaRun";
    public static final String CHECK_KOLLA_RUN = "Task_CheckKollaRun";
    public static final String KOLLA_RUN_DONE = "Gateway_KollaRunDone";

    public static final String DEPLOYED = "Gateway_Deployed";
    public static final String DISCOVER_COMPUTE_HOSTS = "Task_DiscoverComputeHosts";
    public static final String WAIT_HYPERVISOR = "Timer_WaitHypervisor";
    public static final String CHECK_HYPERVISOR = "Task_CheckHypervisor";
    public static final String HYPERVISOR_UP = "Gateway_HypervisorUp";
    public static final String BOOT_SMOKE_TEST = "Task_BootSmokeTestServer";
    public static final String WAIT_SMOKE_TEST = "Timer_WaitSmokeTest";
    public static final String CHECK_SMOKE_TEST = "Task_CheckSmokeTestServer";
    public static final String SMOKE_TEST_DONE = "Gateway_SmokeTestDone";
    public static final String DELETE_SMOKE_TEST = "Task_DeleteSmokeTestServer";
    public static final String SUMMARISE_ADDITION = "Task_SummariseAddition";
    public static final String COMPUTE_NODE_ADDED_END = "EndEvent_ComputeNodeAdded";

    public static final String DECIDE_FAILURE = "Task_DecideFailure";
    public static final String OPERATOR_DECISION = "Gateway_OperatorDecision";
    public static final String APPROVE_ROLLBACK = "Task_ApproveRollback";
    public static final String ROLLBACK_APPROVED = "Gateway_RollbackApproved";
    public static final String DISABLE_COMPUTE_SERVICE = "Task_DisableComputeService";
    public static final String ROLLBACK_FLAVOUR = "Gateway_RollbackFlavour";
    public static final String REMOVE_COMPUTE_UNIT = "Task_RemoveComputeUnit";
    public static final String REMOVE_HOST_FROM_INVENTORY = "Task_RemoveHostFromInventory";
    public static final String HOST_REMOVED = "Gateway_HostRemoved";
    public static final String RELEASE_MACHINE = "Task_ReleaseMachine";
    public static final String SUMMARISE_ROLLBACK = "Task_SummariseRollback";
    public static final String ADDITION_ROLLED_BACK_END = "EndEvent_AdditionRolledBack";

    public static final String ERROR_INPUT_REJECTED = "Error_InputRejected";
    /** Error code: the input names something that does not exist or cannot be added; nothing was done. */
    public static final String INPUT_REJECTED = "INPUT_REJECTED";

    /** The operator's decisions after a failure. */
    public static final String RETRY = "retry";
    public static final String ROLL_BACK = "roll-back";

    /** What a check tells its gateway ({@code checkOutcome}). */
    public static final String OUTCOME_READY = "ready";
    public static final String OUTCOME_WAITING = "waiting";
    public static final String OUTCOME_NEXT = "next";
    public static final String OUTCOME_FAILED = "failed";
    public static final String OUTCOME_OVERDUE = "overdue";

    public static final String START_FORM = "add-compute-node-start";
    public static final String APPROVE_ADDITION_FORM = "add-compute-node-approve-addition";
    public static final String DECIDE_FAILURE_FORM = "add-compute-node-decide-failure";
    public static final String APPROVE_ROLLBACK_FORM = "add-compute-node-approve-rollback";

    private AddComputeNodeIds() {
    }
}
