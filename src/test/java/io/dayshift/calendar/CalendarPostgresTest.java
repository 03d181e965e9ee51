package io.dayshift.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.testing.Http;
import io.dayshift.testing.PostgresService;
import io.dayshift.testing.Users;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The calendar on a real PostgreSQL: a freeze an administrator adds holds across a restart, and an override works there too. */
class CalendarPostgresTest {

    @RegisterExtension
    static final PostgresService POSTGRES = new PostgresService();
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aFreezeAddedOverRestHoldsAcrossARestartAndAnOverrideLetsOneStartThrough() throws Exception {
        List<String> settings = new ArrayList<>();
        CalendarServiceTest.sites((name, value) -> settings.add("--" + name + "=" + value.get()));
        String[] arguments = settings.toArray(String[]::new);
        ClockUtil.setCurrentTime(Date.from(CalendarServiceTest.IN_WINDOW));

        // given an administrator freezes site east now, for an incident review
        try (ConfigurableApplicationContext service = POSTGRES.start(arguments)) {
            Http admin = Http.as(port(service), "admin", "test-admin-password");
            HttpResponse<String> frozen = admin.postJson("/api/sites/east/calendar/freezes",
                    "{\"from\": \"2026-12-08T21:00:00Z\", \"to\": \"2026-12-09T06:00:00Z\", \"reason\": \"INC-7 under review\"}");
            assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(201);
        }

        // when the service is back
        try (ConfigurableApplicationContext service = POSTGRES.start(arguments)) {
            IdentityService identity = service.getBean(IdentityService.class);
            Users.ensure(identity, "olga", Roles.OPS_LEADS);
            Users.ensure(identity, "alice", Roles.APPROVERS);
            Users.ensure(identity, "audrey", Roles.AUDITORS);
            int port = port(service);
            Http olga = Http.as(port, "olga", Users.PASSWORD);

            // then the freeze is still there, closes the site and refuses a start
            JsonNode calendar = JSON.readTree(Http.as(port, "audrey", Users.PASSWORD).get("/api/sites/east/calendar").body());
            assertThat(calendar.path("open").asBoolean()).isFalse();
            assertThat(calendar.path("freeze").asText()).isEqualTo("INC-7 under review");
            HttpResponse<String> refused = start(olga);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("INC-7 under review");

            // and with an approver's override one start goes through, recorded with the run
            assertThat(Http.as(port, "alice", Users.PASSWORD).postJson("/api/sites/east/calendar/overrides",
                    "{\"runbook\": \"" + CalendarServiceTest.RUNBOOK + "\", \"reason\": \"Sev-1\", \"validMinutes\": 15}").statusCode()).isEqualTo(201);
            HttpResponse<String> started = start(olga);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            String run = JSON.readTree(started.body()).path("id").asText();
            CalendarOverride recorded = (CalendarOverride) service.getBean(HistoryService.class).createHistoricVariableInstanceQuery()
                    .processInstanceId(run).variableName(CalendarOverride.VARIABLE.name()).singleResult().getValue();
            assertThat(recorded.grantedBy()).isEqualTo("alice");
            assertThat(recorded.usedBy()).isEqualTo("olga");
            assertThat(start(olga).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void twoNodesStartingAtOnceWithOneOverrideStartExactlyOne() throws Exception {
        List<String> settings = new ArrayList<>();
        CalendarServiceTest.sites((name, value) -> settings.add("--" + name + "=" + value.get()));
        settings.add("--camunda.bpm.job-execution.enabled=false");
        ClockUtil.setCurrentTime(Date.from(CalendarServiceTest.IN_FREEZE));

        try (ConfigurableApplicationContext first = node(settings, "one"); ConfigurableApplicationContext second = node(settings, "two")) {
            for (ConfigurableApplicationContext node : List.of(first, second)) {
                IdentityService identity = node.getBean(IdentityService.class);
                Users.ensure(identity, "olga", Roles.OPS_LEADS);
                Users.ensure(identity, "oscar", Roles.OPS_LEADS);
                Users.ensure(identity, "alice", Roles.APPROVERS);
            }
            // given one override for the freeze on east, granted by an approver
            HttpResponse<String> granted = Http.as(port(first), "alice", Users.PASSWORD).postJson("/api/sites/east/calendar/overrides",
                    "{\"runbook\": \"" + CalendarServiceTest.RUNBOOK + "\", \"reason\": \"Sev-1\", \"validMinutes\": 15}");
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
            String override = JSON.readTree(granted.body()).path("id").asText();

            // when two ops leads start the runbook on east at the same moment, one on each node
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<String>> starts = List.of(pool.submit(start(first, "olga", together)), pool.submit(start(second, "oscar", together)));
            List<String> started = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (Future<String> start : starts) {
                try {
                    started.add(start.get());
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(AuthorizationException.class);
                    refused.add(e.getCause().getMessage());
                }
            }
            pool.shutdown();

            // then exactly one used the override and started; the other was refused by the freeze
            assertThat(started).as("refused: %s", refused).hasSize(1);
            assertThat(refused).singleElement().asString().contains("site east is closed for changes", "year-end release");
            Map<String, Object> used = first.getBean(JdbcTemplate.class).queryForMap("SELECT used_run FROM " + CalendarStore.OVERRIDES + " WHERE id = ?", override);
            assertThat(used.get("used_run")).isEqualTo(started.get(0));
        }
    }

    private static Callable<String> start(ConfigurableApplicationContext node, String user, CyclicBarrier together) {
        return () -> {
            IdentityService identity = node.getBean(IdentityService.class);
            together.await();
            identity.setAuthentication(user, List.of(Roles.OPS_LEADS));
            try {
                return node.getBean(RuntimeService.class).startProcessInstanceByKey(CalendarServiceTest.RUNBOOK, Map.of("site", "east")).getId();
            } finally {
                identity.clearAuthentication();
            }
        };
    }

    private static ConfigurableApplicationContext node(List<String> settings, String name) {
        List<String> arguments = new ArrayList<>(settings);
        arguments.add("--camunda.bpm.process-engine-name=" + name);
        return POSTGRES.start(arguments.toArray(String[]::new));
    }

    private static HttpResponse<String> start(Http user) {
        return user.postJson("/engine-rest/process-definition/key/" + CalendarServiceTest.RUNBOOK + "/start",
                "{\"variables\": {\"site\": {\"value\": \"east\"}}}");
    }

    private static int port(ConfigurableApplicationContext service) {
        return Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
    }
}
