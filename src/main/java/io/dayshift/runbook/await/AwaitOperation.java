package io.dayshift.runbook.await;

import io.dayshift.engine.ProcessVariable;
import io.dayshift.runbook.RecordDecisionListener;

/**
 * {@code processes/await-operation.bpmn}, the one way a runbook waits: its key, element ids and variables. A runbook starts
 * a long operation in a step of its own, puts it in {@link #OPERATION}, and calls this process, which looks at it through
 * its {@link OperationProbe} when the {@link LookSchedule} says (when it should be done, and every {@link #CHECK_INTERVAL}
 * at most), until it ends or {@link #DEADLINE} passes. Ended well: it returns {@link #SUCCEEDED}. Failed or overdue: one ops lead
 * decides, among the runbook's {@link #DECISIONS} (and "wait", when only the deadline passed); the runbook's gateway after
 * the call follows {@link #OUTCOME} and the {@link #DECISION}.
 * <pre>{@code
 * <bpmn:callActivity id="Task_AwaitUpgrade" calledElement="await-operation" camunda:asyncBefore="true">
 *   <camunda:in source="operation" target="operation"/>
 *   <camunda:in sourceExpression="${settings.checkInterval}" target="checkInterval"/>
 *   <camunda:in sourceExpression="${settings.deadline}" target="deadline"/>
 *   <camunda:in sourceExpression="retry,roll-back,stop" target="decisions"/>
 *   <camunda:out source="operationOutcome" target="operationOutcome"/>
 *   <camunda:out source="decision" target="decision"/>   (and note, operationDetail when the runbook shows them)
 * }</pre>
 */
public final class AwaitOperation {

    public static final String PROCESS_KEY = "await-operation";

    public static final String START_EVENT = "StartEvent_OperationStarted";
    public static final String AWAIT = "SubProcess_AwaitOperation";
    public static final String WAIT = "Timer_WaitOperation";
    public static final String CHECK = "Task_CheckOperation";
    public static final String ENDED = "Gateway_OperationEnded";
    public static final String DEADLINE_PASSED = "Event_DeadlinePassed";
    public static final String SUCCEEDED_GATEWAY = "Gateway_OperationSucceeded";
    public static final String OPERATOR_DECIDES = "Gateway_OperatorDecides";
    public static final String NOT_DONE_END = "EndEvent_OperationNotDone";
    public static final String DECIDE = "Task_DecideOperation";
    public static final String KEEP_WAITING = "Gateway_KeepWaiting";
    public static final String SUCCEEDED_END = "EndEvent_OperationSucceeded";
    public static final String DECIDED_END = "EndEvent_OperatorDecided";
    public static final String LOOK_AT_WINDOW = "Task_LookAtWindow";
    public static final String WINDOW_CLOSED_GATEWAY = "Gateway_WindowClosed";
    public static final String DECIDE_AFTER_WINDOW = "Task_DecideAfterWindow";
    public static final String STOPPED_AT_WINDOW_END = "EndEvent_StoppedAtWindow";

    /** {@link #OUTCOME}: still running (inside the wait only), ended well, ended badly, not ended by the deadline. */
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String TIMED_OUT = "TIMED_OUT";
    /** Ended well, but the site's window closed meanwhile and an ops lead decided to stop (the runbook's {@link #STOP_AT_WINDOW}). */
    public static final String WINDOW_CLOSED = "WINDOW_CLOSED";
    /** The decision that starts the wait again after the deadline passed. */
    public static final String WAIT_DECISION = "wait";

    /** What is awaited (in). */
    public static final ProcessVariable<Operation> OPERATION = ProcessVariable.json("operation", Operation.class);
    /**
     * ISO-8601 durations (in): the longest time between two looks, and the deadline of the whole wait. When each look comes
     * is the {@link LookSchedule}'s: when the operation should be done, and every check interval at most.
     */
    public static final ProcessVariable<String> CHECK_INTERVAL = ProcessVariable.string("checkInterval");
    public static final ProcessVariable<String> DEADLINE = ProcessVariable.string("deadline");
    /** Engine-written: when the wait began (an ISO-8601 instant), and how long after the last look the next one comes. */
    public static final ProcessVariable<String> WAIT_STARTED = ProcessVariable.string("waitStarted");
    public static final ProcessVariable<String> NEXT_LOOK = ProcessVariable.string("nextLook");
    /**
     * The decisions the runbook offers when the operation does not end well, with commas (in), e.g. {@code retry,roll-back};
     * empty for a runbook that decides itself (it runs unattended): the outcome then comes back at once.
     */
    public static final ProcessVariable<String> DECISIONS = ProcessVariable.string("decisions");
    /**
     * The runbook's decision that stops it where it is (in, optional), e.g. {@code abort}: given, a run started by hand or by a
     * timer asks an ops lead, once its operation has ended well, whether to continue or stop when its site's calendar closed
     * meanwhile ({@link WindowCheck}).
     */
    public static final ProcessVariable<String> STOP_AT_WINDOW = ProcessVariable.string("stopAtWindow");
    /** Why the site is closed now, when an ops lead is asked; empty otherwise. */
    public static final ProcessVariable<String> WINDOW_CLOSED_BECAUSE = ProcessVariable.string("windowClosed");
    /** The choices the window's decision form shows: continue, or the runbook's stop. */
    public static final String WINDOW_CHOICES = "windowChoices";
    /** What the operation changes and what it is, for the decision form and the run log. */
    public static final ProcessVariable<String> TARGET = ProcessVariable.string("operationTarget");
    public static final ProcessVariable<String> DESCRIPTION = ProcessVariable.string("operationDescription");
    /** The choices the decision form shows ({@link io.dayshift.runbook.OperatorChoices}). */
    public static final String CHOICES = "choices";

    /** Out: how it ended, the last look's detail and evidence, and the operator's decision and note when one was needed. */
    public static final ProcessVariable<String> OUTCOME = ProcessVariable.string("operationOutcome");
    public static final ProcessVariable<String> DETAIL = ProcessVariable.string("operationDetail");
    public static final ProcessVariable<String> DECISION = RecordDecisionListener.DECISION;
    public static final ProcessVariable<String> NOTE = RecordDecisionListener.NOTE;

    private AwaitOperation() {
    }
}
