package io.dayshift.runbook.commission;

/** The process key, element ids, error codes and decisions of {@code processes/commission-machines.bpmn}, once. */
public final class CommissionMachinesIds {

    public static final String PROCESS_KEY = "commission-machines";

    public static final String START_EVENT = "StartEvent_CommissioningRequested";
    public static final String VALIDATE_INPUT = "Task_ValidateInput";
    public static final String INPUT_REJECTED_EVENT = "Event_InputRejected";
    public static final String INPUT_REJECTED_END = "EndEvent_InputRejected";
    public static final String COMMISSION_EACH_MACHINE = "SubProcess_CommissionMachine";
    public static final String MACHINE_START = "StartEvent_MachineSelected";
    public static final String COMMISSION_MACHINE = "Task_CommissionMachine";
    public static final String COMMISSION_REFUSED_EVENT = "Event_CommissionRefused";
    public static final String WAIT_COMMISSIONING = "Timer_WaitCommissioning";
    public static final String CHECK_COMMISSIONING = "Task_CheckCommissioning";
    public static final String COMMISSIONING_DONE = "Gateway_CommissioningDone";
    public static final String MACHINE_READY_END = "EndEvent_MachineReady";
    public static final String DECIDE_FAILED_MACHINE = "Task_DecideFailedMachine";
    public static final String OPERATOR_DECISION = "Gateway_OperatorDecision";
    public static final String MARK_MACHINE_BROKEN = "Task_MarkMachineBroken";
    public static final String MACHINE_MARKED_BROKEN_END = "EndEvent_MachineMarkedBroken";
    public static final String MACHINE_SKIPPED_END = "EndEvent_MachineSkipped";
    public static final String APPLY_TAGS = "Task_ApplyTags";
    public static final String SUMMARISE_RUN = "Task_SummariseRun";
    public static final String MACHINES_COMMISSIONED_END = "EndEvent_MachinesCommissioned";

    /** The flow the gateway takes while MAAS is still commissioning or testing: back to the timer. */
    public static final String FLOW_STILL_COMMISSIONING = "Flow_StillCommissioning";
    /** The operator's retry: back to commissioning. */
    public static final String FLOW_RETRY = "Flow_Retry";

    public static final String ERROR_INPUT_REJECTED = "Error_InputRejected";
    public static final String ERROR_COMMISSION_REFUSED = "Error_CommissionRefused";

    /** Error code: the input names something that does not exist or cannot be commissioned; nothing was done. */
    public static final String INPUT_REJECTED = "INPUT_REJECTED";
    /** Error code: MAAS refused to commission the machine in its current state (e.g. Failed testing); the operator decides. */
    public static final String COMMISSION_REFUSED = "COMMISSION_REFUSED";

    /** The decision form's values. */
    public static final String RETRY = "retry";
    public static final String MARK_BROKEN = "mark-broken";
    public static final String SKIP = "skip";

    /** What the check tells the gateway ({@code commissioningOutcome}). */
    public static final String OUTCOME_READY = "ready";
    public static final String OUTCOME_IN_PROGRESS = "in-progress";
    public static final String OUTCOME_FAILED = "failed";
    public static final String OUTCOME_OVERDUE = "overdue";

    public static final String START_FORM = "commission-machines-start";
    public static final String DECIDE_FORM = "commission-machines-decide-failed-machine";

    private CommissionMachinesIds() {
    }
}
