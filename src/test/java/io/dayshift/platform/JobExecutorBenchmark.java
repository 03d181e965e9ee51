package io.dayshift.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.testing.ServiceTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A benchmark, not part of {@code ./mvnw verify}: how soon the job executor, as the service configures it
 * ({@code camunda.bpm.job-execution.*} of application.yml, nothing changed here), starts what is due.
 * <ol>
 * <li><b>Timer lateness on an idle service</b>: 20 runs, started one at a time 0 to 7 s apart (so the job executor has
 * gone idle in between, as on a quiet night), each waiting on a 2-second timer: how long after its due time each timer
 * fired (history: the timer's end less its start less 2 s).</li>
 * <li><b>Steps a second</b>: 60 runs of 10 asynchronous steps that do nothing, started at once: the time until all 600
 * steps ran.</li>
 * </ol>
 * <pre>./mvnw test -Dtest=JobExecutorBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * prints the figures and writes them to {@code target/benchmarks/job-executor.txt}.
 */
@ServiceTest
class JobExecutorBenchmark {

    private static final int TIMER_RUNS = 20;
    private static final int STEP_RUNS = 60;
    private static final int STEPS = 10;

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("camunda.bpm.job-execution.enabled", () -> "true");
    }

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @Test
    void startsWhatIsDue() throws Exception {
        repository.createDeployment().addModelInstance("bench-timer.bpmn", timerProcess()).addModelInstance("bench-steps.bpmn", stepsProcess()).deploy();

        Random random = new Random(7);
        List<String> timerRuns = new ArrayList<>();
        for (int i = 0; i < TIMER_RUNS; i++) {
            Thread.sleep(random.nextInt(7_000));
            timerRuns.add(runtime.startProcessInstanceByKey("bench-timer").getId());
        }
        awaitEnded("bench-timer", TIMER_RUNS, Duration.ofMinutes(5));
        List<Long> lateness = new ArrayList<>();
        for (String run : timerRuns) {
            HistoricActivityInstance timer = history.createHistoricActivityInstanceQuery().processInstanceId(run).activityId("Timer_TwoSeconds").singleResult();
            lateness.add(timer.getEndTime().getTime() - timer.getStartTime().getTime() - 2_000);
        }
        Collections.sort(lateness);

        Instant began = Instant.now();
        for (int i = 0; i < STEP_RUNS; i++) {
            runtime.startProcessInstanceByKey("bench-steps");
        }
        awaitEnded("bench-steps", STEP_RUNS, Duration.ofMinutes(10));
        Duration steps = Duration.between(began, Instant.now());

        String report = String.join("\n",
                "job executor as configured (application.yml), H2 in memory",
                "2-second timers on an idle service, " + TIMER_RUNS + " runs 0-7 s apart: fired late by median " + lateness.get(lateness.size() / 2)
                        + " ms, 90th percentile " + lateness.get((int) (lateness.size() * 0.9)) + " ms, least " + lateness.get(0) + " ms, most "
                        + lateness.get(lateness.size() - 1) + " ms",
                STEP_RUNS + " runs of " + STEPS + " asynchronous steps started at once: all ended after " + steps.toMillis() + " ms, "
                        + Math.round(STEP_RUNS * STEPS * 1000.0 / steps.toMillis()) + " steps a second");
        System.out.println(report);
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/job-executor.txt"), report + "\n");
        assertThat(lateness).hasSize(TIMER_RUNS);
    }

    private void awaitEnded(String key, int runs, Duration patience) throws InterruptedException {
        Instant until = Instant.now().plus(patience);
        while (history.createHistoricProcessInstanceQuery().processDefinitionKey(key).finished().count() < runs) {
            assertThat(Instant.now()).as("all runs of " + key + " ended").isBefore(until);
            Thread.sleep(10);
        }
    }

    private static BpmnModelInstance timerProcess() {
        return Bpmn.createExecutableProcess("bench-timer").camundaHistoryTimeToLive(1).startEvent()
                .intermediateCatchEvent("Timer_TwoSeconds").timerWithDuration("PT2S").endEvent().done();
    }

    private static BpmnModelInstance stepsProcess() {
        AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess("bench-steps").camundaHistoryTimeToLive(1).startEvent();
        for (int i = 0; i < STEPS; i++) {
            flow = flow.serviceTask("Task_Step" + i).camundaAsyncBefore().camundaExpression("${true}");
        }
        return flow.endEvent().done();
    }
}
