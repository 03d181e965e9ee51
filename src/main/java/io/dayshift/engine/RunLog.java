package io.dayshift.engine;

import java.util.ArrayList;
import java.util.List;
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

    /** Appends a step, stamped with the current activity's id when the record names none. */
    public static void record(DelegateExecution execution, StepRecord record) {
        StepRecord stamped = record.step() != null ? record
                : new StepRecord(execution.getCurrentActivityId(), record.action(), record.target(), record.result(),
                        record.exitCode(), record.evidence(), record.at());
        List<StepRecord> steps = new ArrayList<>(STEPS.find(execution).map(StepRecords::steps).orElse(List.of()));
        steps.add(stamped);
        STEPS.set(execution.getProcessInstance(), new StepRecords(steps));
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
