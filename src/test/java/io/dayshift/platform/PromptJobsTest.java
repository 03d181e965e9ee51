package io.dayshift.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.testing.ServiceTest;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The job executor here looks for due jobs only once a minute when idle: a timer still fires when it falls due, and a timer
 * that falls due while another job of its run runs (exclusive: one job of a run at a time) starts when that job ends,
 * because the timer and the ended job wake it. Without the wakes each would wait for the minute (the patience is half of it).
 */
@ServiceTest
class PromptJobsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("camunda.bpm.job-execution.enabled", () -> "true");
        registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "60000");
        registry.add("camunda.bpm.job-execution.max-wait", () -> "60000");
    }

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @Test
    void aTimerStartsWhenItFallsDueAndAJobHeldBackByItsRunWhenTheOtherEnds() throws Exception {
        repository.createDeployment()
                .addModelInstance("prompt-timer.bpmn", Bpmn.createExecutableProcess("prompt-timer").camundaHistoryTimeToLive(1).startEvent()
                        .intermediateCatchEvent().timerWithDuration("PT2S").endEvent().done())
                .addModelInstance("prompt-held.bpmn", Bpmn.createExecutableProcess("prompt-held").camundaHistoryTimeToLive(1).startEvent()
                        .parallelGateway("Fork")
                        .serviceTask("Task_Slow").camundaAsyncBefore().camundaExpression("${promptJobsSleeper.sleep(3000)}")
                        .parallelGateway("Join")
                        .endEvent()
                        .moveToNode("Fork")
                        .intermediateCatchEvent("Timer_DueWhileSlowRuns").timerWithDuration("PT1S")
                        .connectTo("Join").done())
                .deploy();
        Thread.sleep(3_000); // the job executor has found nothing and sleeps its minute

        String timer = runtime.startProcessInstanceByKey("prompt-timer").getId();
        awaitEnded(timer);

        Thread.sleep(3_000);
        // the timer falls due while the slow step of its run holds the run: skipped then, started when the step ends
        String held = runtime.startProcessInstanceByKey("prompt-held").getId();
        awaitEnded(held);
    }

    @Test
    void aMaxWaitBelowTheWaitTimeIsRefusedNamingBoth() {
        assertThatThrownBy(() -> PromptJobs.check(2000, 500)).hasMessageContaining("camunda.bpm.job-execution.max-wait (500 ms)")
                .hasMessageContaining("wait-time-in-millis (2000 ms)");
        assertThatThrownBy(() -> PromptJobs.check(0, 500)).hasMessageContaining("at least 1 ms");
        PromptJobs.check(500, 1000);
    }

    /** A step that takes its time. */
    @TestConfiguration
    static class Steps {
        @Bean
        Sleeper promptJobsSleeper() {
            return new Sleeper();
        }
    }

    public static class Sleeper {
        public boolean sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
            return true;
        }
    }

    private void awaitEnded(String run) throws InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        while (history.createHistoricProcessInstanceQuery().processInstanceId(run).finished().count() == 0) {
            assertThat(Instant.now()).as("run " + run + " ended without waiting for the job executor's minute").isBefore(until);
            Thread.sleep(50);
        }
    }
}
