package io.dayshift.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The audit trail of a run: the list of {@link StepRecord}s in the variable {@code steps}, and the
 * run's one-line outcome in {@code summary}. Both stay in the history after the run ends.
 */
public final class RunLog {

    public static final ProcessVariable<StepRecords> STEPS = ProcessVariable.json("steps", StepRecords.class);
    public static final ProcessVariable<String> SUMMARY = ProcessVariable.string("summary");

    private RunLog() {
    }

    /**
     * Shared processes that are part of their caller's run, not runs of their own: what they do is logged in the run
     * that called them.
     */
    public static final Set<String> PARTS_OF_THEIR_CALLER = Set.of("await-operation", "smoke-test-instance");

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
        while (instance.getSuperExecution() != null && PARTS_OF_THEIR_CALLER.contains(key(instance))) {
            instance = instance.getSuperExecution().getProcessInstance();
        }
        return instance;
    }

    private static String key(DelegateExecution instance) {
        String definition = instance.getProcessDefinitionId();
        return definition == null ? "" : definition.substring(0, Math.max(0, definition.indexOf(':')));
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
