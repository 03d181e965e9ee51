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
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

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

    private static HttpResponse<String> start(Http user) {
        return user.postJson("/engine-rest/process-definition/key/" + CalendarServiceTest.RUNBOOK + "/start",
                "{\"variables\": {\"site\": {\"value\": \"east\"}}}");
    }

    private static int port(ConfigurableApplicationContext service) {
        return Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
    }
}
