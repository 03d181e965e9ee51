package io.dayshift.runbook.await;

import static io.dayshift.runbook.await.AwaitOperation.CHECK_INTERVAL;
import static io.dayshift.runbook.await.AwaitOperation.NEXT_LOOK;
import static io.dayshift.runbook.await.AwaitOperation.OPERATION;
import static io.dayshift.runbook.await.AwaitOperation.WAIT_STARTED;

import io.dayshift.engine.RunLog;
import java.time.Duration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** {@code await-operation}'s start: when the wait began, and when the first look comes ({@link LookSchedule}). */
@Component("startWait")
class StartWaitListener implements ExecutionListener {

    private final LookSchedule schedule;

    StartWaitListener(LookSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public void notify(DelegateExecution execution) {
        WAIT_STARTED.set(execution, RunLog.now().toString());
        // a wait started without its inputs (only a part's caller gives them) looks at once, and its look says what is missing
        Duration first = OPERATION.find(execution).flatMap(operation -> CHECK_INTERVAL.find(execution)
                .map(interval -> schedule.next(operation, Duration.ZERO, Duration.parse(interval)))).orElse(Duration.ZERO);
        NEXT_LOOK.set(execution, first.toString());
    }
}
