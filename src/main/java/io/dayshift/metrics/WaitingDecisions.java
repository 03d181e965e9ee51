package io.dayshift.metrics;

import io.dayshift.engine.RunLog;
import io.dayshift.runbook.RunOutcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@value #OLDEST}: per runbook, how long its oldest open decision (an approval or an operator's question, in the runbook
 * or in a part it called) has waited for a person, in seconds; 0 when none waits. A timer counts a decision only once it
 * is taken ({@code dayshift_decision_wait_seconds}); this is what an alert on "an approval waiting too long" reads. Read
 * from the engine's open tasks in one pass for every runbook, once per scrape (a second read within {@link #FRESH_FOR}
 * reuses the first).
 */
@Component
class WaitingDecisions implements MeterBinder {

    static final String OLDEST = "dayshift.decisions.oldest.waiting";
    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final ProcessEngine engine;
    private final Clock clock;
    private Snapshot snapshot = new Snapshot(Instant.MIN, Map.of());

    WaitingDecisions(ProcessEngine engine) {
        this.engine = engine;
        this.clock = Clock.systemUTC();
    }

    private record Snapshot(Instant taken, Map<String, Double> oldestByRunbook) {
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String runbook : RunOutcome.SUCCESS_ENDS.keySet()) {
            Gauge.builder(OLDEST, () -> oldest(runbook))
                    .description("Seconds the runbook's oldest open approval or operator question has waited (0: none waits)")
                    .tag("runbook", runbook)
                    .baseUnit("seconds")
                    .register(registry);
        }
    }

    double oldest(String runbook) {
        return current().oldestByRunbook().getOrDefault(runbook, 0.0);
    }

    private synchronized Snapshot current() {
        Instant now = clock.instant();
        if (snapshot.taken().plus(FRESH_FOR).isBefore(now)) {
            snapshot = new Snapshot(now, read(now));
        }
        return snapshot;
    }

    /** One pass over the open tasks, each counted under its run's runbook ({@link RunLog#run}). */
    private Map<String, Double> read(Instant now) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired().execute(context -> {
            Map<String, Double> oldest = new HashMap<>();
            for (Task task : engine.getTaskService().createTaskQuery().active().list()) {
                ExecutionEntity instance = task.getProcessInstanceId() == null ? null
                        : context.getExecutionManager().findExecutionById(task.getProcessInstanceId());
                if (instance != null && task.getCreateTime() != null) {
                    double waited = Math.max(0, Duration.between(task.getCreateTime().toInstant(), now).toMillis() / 1000.0);
                    oldest.merge(RunMetrics.runbook(RunLog.run(instance)), waited, Math::max);
                }
            }
            return oldest;
        });
    }
}
