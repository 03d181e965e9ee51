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
        DETAIL.set(execution, look.detail() + (look.progress() == Look.Progress.FAILED && !evidence.isEmpty() ? "\n\n" + evidence : ""));
        NEXT_LOOK.set(execution, CHECK_INTERVAL.get(execution));
        RunLog.record(execution, "look at " + operation.description(), operation.target(),
                look.progress().name().toLowerCase() + (look.detail().isEmpty() ? "" : ": " + look.detail()), look.exitCode(), evidence);
    }
}
