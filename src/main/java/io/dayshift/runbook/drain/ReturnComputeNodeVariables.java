package io.dayshift.runbook.drain;

import io.dayshift.engine.ProcessVariable;

/** The variables of {@code return-compute-node} besides the start variables it shares with {@link DrainComputeNodeVariables}. */
public final class ReturnComputeNodeVariables {

    /** {@code Gateway_ServiceReady} reads it: the compute service is enabled and up. */
    public static final ProcessVariable<Boolean> SERVICE_READY = ProcessVariable.bool("serviceReady");
    /** What the operator's form shows when it is not: the service's state and last heartbeat. */
    public static final ProcessVariable<String> EVIDENCE = DrainComputeNodeVariables.EVIDENCE;
    public static final ProcessVariable<String> DECISION = DrainComputeNodeVariables.DECISION;
    public static final ProcessVariable<String> NOTE = DrainComputeNodeVariables.NOTE;
    /** Output: the host's compute service ended enabled and up. */
    public static final ProcessVariable<Boolean> RETURNED = ProcessVariable.bool("returned");
    /** This run enabled the compute service (false when it already was). */
    public static final ProcessVariable<Boolean> ENABLED_BY_RUN = ProcessVariable.bool("enabledByRun");
    /**
     * Output, and {@code Gateway_TakenOutByDayshift} reads it: the host was disabled for another reason than a Dayshift drain's
     * (than the calling run's drain, when called), so it was left disabled with its reason.
     */
    public static final ProcessVariable<Boolean> KEPT_DISABLED = ProcessVariable.bool("keptDisabled");

    private ReturnComputeNodeVariables() {
    }
}
