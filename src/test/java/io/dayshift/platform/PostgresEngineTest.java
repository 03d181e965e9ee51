package io.dayshift.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.access.Roles;
import io.dayshift.testing.PostgresService;
import io.dayshift.testing.Users;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The engine on a real PostgreSQL, through the {@code postgres} profile and its environment
 * variables: a run with an approval and an asynchronous step survives two restarts of the service
 * and finishes, with nothing done twice and start-up set-up idempotent; a run stored before a class it keeps moved
 * package is read back after a restart.
 */
class PostgresEngineTest {

    @RegisterExtension
    static final PostgresService POSTGRES = new PostgresService();

    @Test
    void aRunSurvivesRestartsOfTheServiceAndFinishes() throws Exception {
        String instanceId;
        long authorizationsAfterFirstStart;

        // given a run waiting for its approval, started before a restart
        try (ConfigurableApplicationContext service = start(false)) {
            assertThat(service.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:postgresql:");
            instanceId = service.getBean(RuntimeService.class)
                    .startProcessInstanceByKey("access-check", Map.of("site", "lab")).getId();
            authorizationsAfterFirstStart = service.getBean(AuthorizationService.class).createAuthorizationQuery().count();
        }

        // when the service comes back, the approval is still waiting; approving it queues the async step
        try (ConfigurableApplicationContext service = start(false)) {
            assertThat(service.getBean(AuthorizationService.class).createAuthorizationQuery().count())
                    .as("start-up set-up is idempotent").isEqualTo(authorizationsAfterFirstStart);
            TaskService tasks = service.getBean(TaskService.class);
            var approval = tasks.createTaskQuery().processInstanceId(instanceId).singleResult();
            assertThat(approval.getTaskDefinitionKey()).isEqualTo("Task_Approve");
            Users.ensure(service.getBean(IdentityService.class), "alice", Roles.APPROVERS);
            tasks.claim(approval.getId(), "alice");
            tasks.complete(approval.getId(), Map.of("approve", true, "approvalReason", "resumed after a restart"));
            assertThat(service.getBean(ManagementService.class).createJobQuery().processInstanceId(instanceId).count()).isEqualTo(1);
        }

        // then after another restart, with the job executor on, the queued step runs once and the run ends
        try (ConfigurableApplicationContext service = start(true)) {
            HistoryService history = service.getBean(HistoryService.class);
            HistoricProcessInstance finished = waitUntilEnded(history, instanceId);
            assertThat(finished.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
            assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).variableName("workDone")
                    .singleResult().getValue()).isEqualTo(true);
            assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).activityId("Task_DoWork")
                    .count()).isEqualTo(1);
        }
    }

    @Test
    void aRunStoredBeforeTheRunLogMovedIsReadBackAfterARestart() throws Exception {
        // given a run whose run log an older release stored with the old package name
        String run;
        try (ConfigurableApplicationContext service = start(false)) {
            run = MovedTypesMigrationTest.startRunWithSteps(service.getBean(RuntimeService.class));
        }
        try (Connection connection = POSTGRES.connect()) {
            assertThat(MovedTypesMigrationTest.writeAsAnOldReleaseDid(connection)).isEqualTo(6);
        }

        // when the service starts again, then the engine reads the records back, in the run and in its history
        try (ConfigurableApplicationContext service = start(false)) {
            MovedTypesMigrationTest.assertReadBack(service.getBean(RuntimeService.class), service.getBean(HistoryService.class), run);
        }
    }

    private static ConfigurableApplicationContext start(boolean jobExecutor) {
        return POSTGRES.start("--camunda.bpm.job-execution.enabled=" + jobExecutor);
    }

    private static HistoricProcessInstance waitUntilEnded(HistoryService history, String instanceId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult();
            if (instance.getEndTime() != null) {
                return instance;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + instanceId + " did not end within 180 s after the restart");
    }
}
