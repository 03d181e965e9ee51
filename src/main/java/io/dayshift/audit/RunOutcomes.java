package io.dayshift.audit;

import io.dayshift.runbook.RunOutcome;
import java.util.Set;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

/**
 * What a run came to, as auditors sort runs: still running, succeeded (ended at its runbook's success end event), refused
 * or failed (its input or plan was refused, or what it checks or does did not hold), or ended otherwise (stopped, rolled
 * back, handed over, cancelled) — the same {@link RunOutcome} the metrics label runs with, in three words.
 */
final class RunOutcomes {

    /** The end events a runbook reaches when it did what it was started for. */
    static final Set<String> SUCCEEDED = RunOutcome.endsOf(RunOutcome.SUCCESS);
    /** Refused (its input, its plan or a data loss not accepted) or failed (a check or the work did not hold). */
    static final Set<String> REFUSED_OR_FAILED = RunOutcome.endsOf(RunOutcome.REFUSED, RunOutcome.REJECTED, RunOutcome.FAILED);
    /** Ended at another end: stopped, rolled back, aborted, handed over, a partial result. */
    static final Set<String> ENDED_OTHERWISE = RunOutcome.endsOf(RunOutcome.HALTED);

    /** The states a run can be filtered by; {@code parameter} is the filter's value. */
    enum State {
        RUNNING("running", "running"),
        SUCCEEDED("succeeded", "succeeded"),
        REFUSED_OR_FAILED("failed", "refused or failed"),
        ENDED_OTHERWISE("other", "ended otherwise"),
        INCIDENT("incident", "with an open incident");

        final String parameter;
        final String label;

        State(String parameter, String label) {
            this.parameter = parameter;
            this.label = label;
        }
    }

    private RunOutcomes() {
    }

    /** The run's state by its record (an open incident is shown beside it, not instead of it). */
    static State of(HistoricProcessInstance run) {
        if (run.getEndTime() == null) {
            return State.RUNNING;
        }
        if (!HistoricProcessInstance.STATE_COMPLETED.equals(run.getState()) || run.getEndActivityId() == null) {
            return State.ENDED_OTHERWISE;
        }
        return switch (RunOutcome.of(run.getProcessDefinitionKey(), run.getEndActivityId())) {
            case SUCCESS -> State.SUCCEEDED;
            case REFUSED, REJECTED, FAILED -> State.REFUSED_OR_FAILED;
            case HALTED, CANCELLED -> State.ENDED_OTHERWISE;
        };
    }
}
