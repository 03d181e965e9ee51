package io.dayshift.runbook.drain;

import io.dayshift.runbook.RunIdentity;
import io.dayshift.site.Sites;
import io.dayshift.runbook.InputProblems;
import io.dayshift.runbook.RunVariables;
import org.camunda.bpm.engine.delegate.VariableScope;
import io.dayshift.engine.ProcessVariable;
import org.springframework.stereotype.Component;

/**
 * {@code processes/return-compute-node.bpmn}, the one class of the runbook (it has no settings): its key, error code,
 * decisions, element ids ({@link Elements}) and variables ({@link Variables}). The counterpart of {@link DrainComputeNode},
 * whose start variables it shares.
 */
@Component("returnComputeNode")
public class ReturnComputeNode implements RunIdentity {

    public static final String PROCESS_KEY = "return-compute-node";

    public static final String INPUT_REJECTED = DrainComputeNode.INPUT_REJECTED;
    /** The decisions about a compute service that is not enabled and up. */
    public static final String RECHECK = DrainComputeNode.RECHECK;
    public static final String FINISH = DrainComputeNode.FINISH;

    /** The element ids code and tests use. */
    public static final class Elements {
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

        private Elements() {
        }
    }

    /** The runbook's variables: the drain's start variables, and its own. */
    public static final class Variables {
        public static final ProcessVariable<String> HOST = DrainComputeNode.Variables.HOST;
        public static final ProcessVariable<String> REASON = DrainComputeNode.Variables.REASON;
        public static final ProcessVariable<String> OPERATOR_REASON = DrainComputeNode.Variables.OPERATOR_REASON;
        /** {@code Gateway_ServiceReady} reads it: the compute service is enabled and up. */
        public static final ProcessVariable<Boolean> SERVICE_READY = ProcessVariable.bool("serviceReady");
        /** What the operator's form shows when it is not: the service's state and last heartbeat. */
        public static final ProcessVariable<String> EVIDENCE = DrainComputeNode.Variables.EVIDENCE;
        /** Output: the host's compute service ended enabled and up. */
        public static final ProcessVariable<Boolean> RETURNED = ProcessVariable.bool("returned");
        /** This run enabled the compute service (false when it already was). */
        public static final ProcessVariable<Boolean> ENABLED_BY_RUN = ProcessVariable.bool("enabledByRun");
        /**
         * Output, and {@code Gateway_TakenOutByDayshift} reads it: the host was disabled for another reason than a Dayshift drain's
         * (than the calling run's drain, when called), so it was left disabled with its reason.
         */
        public static final ProcessVariable<Boolean> KEPT_DISABLED = ProcessVariable.bool("keptDisabled");

        private Variables() {
        }
    }

    ReturnComputeNode() {
    }

    @Override
    public String processKey() {
        return PROCESS_KEY;
    }

    /** The run's name (its business key, {@code RunNames}). */
    @Override
    public String name(VariableScope start) {
        return "return " + RunIdentity.value(start, Variables.HOST.name()) + " @ " + RunIdentity.value(start, RunVariables.SITE.name());
    }

    /** At start, before any look at the site ({@code RunNames}): the site is configured and the fields are given. */
    @Override
    public void checkStart(VariableScope start, Sites sites, InputProblems problems) {
        RunIdentity.super.checkStart(start, sites, problems);
        problems.hostName(Variables.HOST.name(), RunIdentity.text(start, Variables.HOST.name()));
        problems.required(Variables.REASON.name(), start.getVariable(Variables.REASON.name()), "a reason, e.g. the maintenance that was done");
    }
}
