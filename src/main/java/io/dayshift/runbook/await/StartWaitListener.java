package io.dayshift.runbook.await;

import static io.dayshift.runbook.await.AwaitOperation.CHECK_INTERVAL;
import static io.dayshift.runbook.await.AwaitOperation.NEXT_LOOK;
import static io.dayshift.runbook.await.AwaitOperation.OPERATION;
import static io.dayshift.runbook.await.AwaitOperation.WAIT_STARTED;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
        WAIT_STARTED.set(execution, now().toString());
        NEXT_LOOK.set(execution, schedule.next(OPERATION.get(execution), Duration.ZERO, Duration.parse(CHECK_INTERVAL.get(execution))).toString());
    }

    /** The engine's clock, which its timers follow. */
    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
