package io.dayshift.runbook.await;

import static io.dayshift.runbook.await.AwaitOperation.CHECK_INTERVAL;
import static io.dayshift.runbook.await.AwaitOperation.DETAIL;
import static io.dayshift.runbook.await.AwaitOperation.NEXT_LOOK;
import static io.dayshift.runbook.await.AwaitOperation.OPERATION;
import static io.dayshift.runbook.await.AwaitOperation.OUTCOME;
import static io.dayshift.runbook.await.AwaitOperation.WAIT_STARTED;

import io.dayshift.engine.RunLog;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckOperation}: one look at the awaited operation through its probe, recorded in the run's log; when it is
 * still running, the next look comes when the {@link LookSchedule} says; when it ended well, the schedule learns how long it took.
 */
@Component("checkOperation")
class CheckOperationDelegate implements JavaDelegate {

    /** The most a string variable holds. */
    private static final int DETAIL_MAX = 4000;

    private final OperationProbes probes;
    private final LookSchedule schedule;

    CheckOperationDelegate(OperationProbes probes, LookSchedule schedule) {
        this.probes = probes;
        this.schedule = schedule;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Operation operation = OPERATION.get(execution);
        Look look = probes.of(operation).look(operation);
        String evidence = RunLog.tail(look.evidence());
        OUTCOME.set(execution, look.progress().name());
        DETAIL.set(execution, detail(look, evidence));
        Duration checkInterval = Duration.parse(CHECK_INTERVAL.get(execution));
        // a wait begun before the look schedule existed has no start: it counts from this look
        Instant started = WAIT_STARTED.find(execution).map(Instant::parse).orElseGet(() -> {
            WAIT_STARTED.set(execution, RunLog.now().toString());
            return RunLog.now();
        });
        Duration waited = Duration.between(started, RunLog.now());
        Duration sinceLastLook = NEXT_LOOK.find(execution).map(Duration::parse).orElse(checkInterval);
        if (look.progress() == Look.Progress.RUNNING) {
            NEXT_LOOK.set(execution, schedule.next(operation, waited, checkInterval).toString());
        } else if (look.progress() == Look.Progress.SUCCEEDED) {
            schedule.endedWell(operation, waited, sinceLastLook);
        }
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
