package io.dayshift.runbook.smoke;

import io.dayshift.engine.ProcessVariable;

/**
 * {@code processes/smoke-test-instance.bpmn}: boot a small instance (on a given host, or where the scheduler places it),
 * await it ACTIVE with {@code await-operation}, and delete it again whatever happened — the smoke test of a site or a
 * host that every runbook calls the same way. On failure the ops lead decides among the caller's {@code decisions};
 * {@code retry} boots a new instance (the next attempt), anything else returns to the caller with the instance deleted.
 * <pre>{@code
 * <bpmn:callActivity id="Task_SmokeTest" calledElement="smoke-test-instance" camunda:asyncBefore="true">
 *   <camunda:in source="site" target="site"/>
 *   <camunda:in source="machine" target="smokeHost"/>                         (absent or empty: the scheduler places it)
 *   <camunda:in sourceExpression="dayshift-smoke-${machine}" target="smokeName"/>  (the attempt is appended: -1, -2…)
 *   <camunda:in sourceExpression="${settings.smokeTestDeadline}" target="deadline"/>  (and nextLook, checkInterval)
 *   <camunda:in sourceExpression="retry,roll-back" target="decisions"/>
 *   <camunda:out source="operationOutcome" target="smokeOutcome"/>  (and operationDetail, decision, decidedBy, note)
 * }</pre>
 */
public final class SmokeTestInstance {

    public static final String PROCESS_KEY = "smoke-test-instance";

    public static final String START_EVENT = "StartEvent_SmokeTestRequested";
    public static final String BOOT = "Task_BootSmokeInstance";
    public static final String AWAIT = "Task_AwaitSmokeInstance";
    public static final String DELETE = "Task_DeleteSmokeInstance";
    public static final String PASSED = "Gateway_SmokeTestPassed";
    public static final String PASSED_END = "EndEvent_SmokeTestPassed";
    public static final String FAILED_END = "EndEvent_SmokeTestFailed";

    /** In: the host to pin the instance to (empty: the scheduler places it), the instance's base name, the first attempt. */
    public static final ProcessVariable<String> HOST = ProcessVariable.string("smokeHost");
    public static final ProcessVariable<String> NAME = ProcessVariable.string("smokeName");
    public static final ProcessVariable<Long> ATTEMPT = ProcessVariable.number("smokeAttempt");
    /** The instance of this attempt: its id and name (out, for the caller's summary). */
    public static final ProcessVariable<String> SERVER = ProcessVariable.string("smokeServer");
    public static final ProcessVariable<String> INSTANCE = ProcessVariable.string("smokeInstance");

    private SmokeTestInstance() {
    }
}
