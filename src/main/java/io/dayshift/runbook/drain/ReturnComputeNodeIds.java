package io.dayshift.runbook.drain;

/** The ids of {@code processes/return-compute-node.bpmn} that code and tests use. */
public final class ReturnComputeNodeIds {

    public static final String PROCESS_KEY = "return-compute-node";

    public static final String START = "StartEvent_ReturnRequested";
    public static final String VALIDATE_INPUT = "Task_ValidateInput";
    public static final String ENABLE_COMPUTE_SERVICE = "Task_EnableComputeService";
    public static final String TAKEN_OUT_BY_DAYSHIFT = "Gateway_TakenOutByDayshift";
    public static final String SUMMARISE_KEPT_DISABLED = "Task_SummariseKeptDisabled";
    public static final String VERIFY_COMPUTE_SERVICE = "Task_VerifyComputeService";
    public static final String SERVICE_READY = "Gateway_ServiceReady";
    public static final String DECIDE_SERVICE_NOT_READY = "Task_DecideServiceNotReady";
    public static final String SERVICE_DECISION = "Gateway_ServiceDecision";
    public static final String SUMMARISE_RETURN = "Task_SummariseReturn";
    public static final String SUMMARISE_UNREADY_RETURN = "Task_SummariseUnreadyReturn";

    public static final String END_INPUT_REJECTED = "EndEvent_InputRejected";
    public static final String END_HOST_RETURNED = "EndEvent_HostReturnedToService";
    public static final String END_SERVICE_NOT_READY = "EndEvent_ServiceNotReady";
    public static final String END_HOST_KEPT_DISABLED = "EndEvent_HostKeptDisabled";

    public static final String INPUT_REJECTED = DrainComputeNodeIds.INPUT_REJECTED;
    public static final String RECHECK = DrainComputeNodeIds.RECHECK;
    public static final String FINISH = DrainComputeNodeIds.FINISH;

    private ReturnComputeNodeIds() {
    }
}
