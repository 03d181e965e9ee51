package io.dayshift.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.Process;

/**
 * The audit trail of a run: the list of {@link StepRecord}s in the variable {@code steps}, and the
 * run's one-line outcome in {@code summary}. Both stay in the history after the run ends.
 */
public final class RunLog {

    public static final ProcessVariable<StepRecords> STEPS = ProcessVariable.json("steps", StepRecords.class);
    public static final ProcessVariable<String> SUMMARY = ProcessVariable.string("summary");
    /** The most of a command's output a step record keeps (its end, where the errors are). */
    public static final int EVIDENCE = 4000;

    private RunLog() {
    }

    /** Appends a step to the run's log, stamped with the current activity's id when the record names none. */
    public static void record(DelegateExecution execution, StepRecord record) {
        StepRecord stamped = record.step() != null ? record
                : new StepRecord(execution.getCurrentActivityId(), record.action(), record.target(), record.result(),
                        record.exitCode(), record.evidence(), record.at());
        DelegateExecution run = run(execution);
        List<StepRecord> steps = new ArrayList<>(STEPS.find(run).map(StepRecords::steps).orElse(List.of()));
        steps.add(stamped);
        STEPS.set(run, new StepRecords(steps));
    }

    /** The process instance of the run the execution works for: its own, or its caller's when it is a part of its caller. */
    public static DelegateExecution run(DelegateExecution execution) {
        DelegateExecution instance = execution.getProcessInstance();
        while (instance.getSuperExecution() != null && partOfItsCaller(instance)) {
            instance = instance.getSuperExecution().getProcessInstance();
        }
        return instance;
    }

    /**
     * Whether a process instance is a part of the run that called it, not a run of its own: a process no one starts from
     * Tasklist ({@code camunda:isStartableInTasklist="false"}: await-operation, smoke-test-instance, a runbook's own parts).
     */
    private static boolean partOfItsCaller(DelegateExecution instance) {
        return instance.getBpmnModelInstance().getModelElementById(key(instance)) instanceof Process process && !process.isCamundaStartableInTasklist();
    }

    private static String key(DelegateExecution instance) {
        String definition = instance.getProcessDefinitionId();
        return definition == null ? "" : definition.substring(0, Math.max(0, definition.indexOf(':')));
    }

    /** Appends a step of the current activity that has no exit code: an API call made (or not made, and why). */
    public static void record(DelegateExecution execution, String action, String target, String result, String evidence) {
        record(execution, action, target, result, null, evidence);
    }

    /** Appends a step of the current activity: what was called (or not called, and why), on what, with what result. */
    public static void record(DelegateExecution execution, String action, String target, String result, Integer exitCode, String evidence) {
        record(execution, new StepRecord(null, action, target, result, exitCode, tail(evidence), now()));
    }

    /** The engine's clock, which tests can move. */
    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** The end of a long output, as much as a step record keeps. */
    public static String tail(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= EVIDENCE ? text : "…" + text.substring(text.length() - EVIDENCE);
    }

    public static void summarise(DelegateExecution execution, String summary) {
        SUMMARY.set(execution.getProcessInstance(), summary);
    }

    /** The step list as one JSON value (a record, so its element type survives the round trip). */
    public record StepRecords(List<StepRecord> steps) {
        public StepRecords {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }
}
