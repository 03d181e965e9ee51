package io.dayshift.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.testing.PostgresService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.dayshift.access.Roles;
import io.dayshift.testing.Users;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reminder's claim on a real PostgreSQL: a decision is reminded once, not again after the service restarts, and
 * not twice when two nodes look at the same moment.
 */
class DecisionRemindersPostgresTest {

    @RegisterExtension
    static final PostgresService POSTGRES = new PostgresService();

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aDecisionIsRemindedOnceAcrossARestartAndTwoNodesLookingAtOnce() throws Exception {
        Instant opened = Instant.now();
        String first;
        String second;

        // given two approvals opened now; two hours later this node looks
        try (ConfigurableApplicationContext service = POSTGRES.start()) {
            ClockUtil.setCurrentTime(Date.from(opened));
            first = approvalOf(service);
            second = approvalOf(service);
            ClockUtil.setCurrentTime(Date.from(opened.plus(Duration.ofHours(2))));
            DecisionReminders reminders = service.getBean(DecisionReminders.class);
            reminders.remindDue();
            assertThat(claims(service)).containsExactlyInAnyOrder(first, second);
        }

        // when the service is back, one approval is decided, and a new one opens that two nodes look at, at once
        try (ConfigurableApplicationContext service = POSTGRES.start()) {
            ClockUtil.setCurrentTime(Date.from(opened.plus(Duration.ofHours(2))));
            TaskService tasks = service.getBean(TaskService.class);
            Users.ensure(service.getBean(IdentityService.class), "alice", Roles.APPROVERS);
            tasks.claim(first, "alice");
            tasks.complete(first, Map.of("approve", true, "approvalReason", "done"));
            String third = approvalOf(service);
            ClockUtil.setCurrentTime(Date.from(opened.plus(Duration.ofHours(4))));
            DecisionReminders node = service.getBean(DecisionReminders.class);
            DecisionReminders other = new DecisionReminders(service.getBean(JdbcTemplate.class), service.getBeanProvider(ProcessEngine.class),
                    service.getBean(DecisionNotices.class), service.getBean(DecisionNoticeProperties.class));
            List<Callable<Integer>> looks = List.of(node::remindDue, other::remindDue, node::remindDue, other::remindDue);
            ExecutorService pool = Executors.newFixedThreadPool(looks.size());
            int claimed = 0;
            try {
                for (Future<Integer> look : new ArrayList<>(pool.invokeAll(looks))) {
                    claimed += look.get();
                }
            } finally {
                pool.shutdownNow();
            }

            // then only the new approval was claimed, once (each node's own look, a minute after its start, may come first);
            // the decided one's claim is gone, the waiting one's kept
            assertThat(claimed).isLessThanOrEqualTo(1);
            assertThat(claims(service)).containsExactlyInAnyOrder(second, third);
        }
    }

    private static String approvalOf(ConfigurableApplicationContext service) {
        String run = service.getBean(RuntimeService.class).startProcessInstanceByKey("access-check", Map.of("site", "lab")).getId();
        return service.getBean(TaskService.class).createTaskQuery().processInstanceId(run).singleResult().getId();
    }

    private static List<String> claims(ConfigurableApplicationContext service) {
        return service.getBean(JdbcTemplate.class).queryForList("SELECT task_id FROM " + DecisionReminders.TABLE, String.class);
    }
}
