package io.dayshift.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/**
 * What an on-call engineer alerts on, as Prometheus gauges read from the engine at scrape time:
 * open incidents, jobs that ran out of retries, running runbooks and tasks waiting for a person.
 */
@Component
class EngineMetrics implements MeterBinder {

    private final RuntimeService runtime;
    private final ManagementService management;
    private final TaskService tasks;

    EngineMetrics(RuntimeService runtime, ManagementService management, TaskService tasks) {
        this.runtime = runtime;
        this.management = management;
        this.tasks = tasks;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("dayshift.incidents.open", () -> runtime.createIncidentQuery().count())
                .description("Incidents open in runbook runs (a step that failed all its retries)")
                .register(registry);
        Gauge.builder("dayshift.jobs.failed", () -> management.createJobQuery().noRetriesLeft().count())
                .description("Jobs with no retries left")
                .register(registry);
        Gauge.builder("dayshift.runbooks.active", () -> runtime.createProcessInstanceQuery().active().count())
                .description("Runbook runs in progress")
                .register(registry);
        Gauge.builder("dayshift.tasks.open", () -> tasks.createTaskQuery().active().count())
                .description("Approvals and operator tasks waiting for a person")
                .register(registry);
    }
}
