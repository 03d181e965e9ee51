package io.dayshift.runbook.await;

import static io.dayshift.runbook.await.AwaitOperation.CHECK_INTERVAL;
import static io.dayshift.runbook.await.AwaitOperation.DETAIL;
import static io.dayshift.runbook.await.AwaitOperation.NEXT_LOOK;
import static io.dayshift.runbook.await.AwaitOperation.OPERATION;
import static io.dayshift.runbook.await.AwaitOperation.OUTCOME;

import io.dayshift.engine.RunLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckOperation}: one look at the awaited operation through its probe, recorded in the run's log; the next
 * look comes a check interval later.
 */
@Component("checkOperation")
class CheckOperationDelegate implements JavaDelegate {

    /** The most a string variable holds. */
    private static final int DETAIL_MAX = 4000;

    private final OperationProbes probes;

    CheckOperationDelegate(OperationProbes probes) {
        this.probes = probes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Operation operation = OPERATION.get(execution);
        Look look = probes.of(operation).look(operation);
        String evidence = RunLog.tail(look.evidence());
        OUTCOME.set(execution, look.progress().name());
        DETAIL.set(execution, detail(look, evidence));
        NEXT_LOOK.set(execution, CHECK_INTERVAL.get(execution));
        RunLog.record(execution, "look at " + operation.description(), operation.target(),
                look.progress().name().toLowerCase() + (look.detail().isEmpty() ? "" : ": " + look.detail()), look.exitCode(), evidence);
    }

    /**
     * What the operator reads: the look's detail, and after a failure as much of the evidence's end as a string variable
     * holds with it (4,000 characters).
     */
    static String detail(Look look, String evidence) {
        String detail = look.detail().length() <= DETAIL_MAX ? look.detail() : look.detail().substring(0, DETAIL_MAX - 1) + "…";
        int room = DETAIL_MAX - detail.length() - 3;
        if (look.progress() != Look.Progress.FAILED || evidence.isEmpty() || room <= 0) {
            return detail;
        }
        return detail + "\n\n" + (evidence.length() <= room ? evidence : "…" + evidence.substring(evidence.length() - room + 1));
    }
}
