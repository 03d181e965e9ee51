package io.dayshift.runbook.healthcheck;

import static io.dayshift.testing.EngineRest.awaitEnded;
import static io.dayshift.testing.EngineRest.historicVariables;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service with the lab and the job executor on, driven over REST only: an ops lead starts the check of the kolla
 * lab as it ships, the engine runs every step, and an auditor reads the outcome from the history. No step needs an approval
 * (the check changes nothing); an auditor may read but not start it.
 */
@RunbookEndToEndTest(timeFactor = "0")
class SiteHealthCheckEndToEndTest extends EndToEndFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
    }

    private Http olga;
    private Http audrey;

    @BeforeEach
    void users() {
        olga = user("olga", Roles.OPS_LEADS);
        audrey = user("audrey", Roles.AUDITORS);
    }

    @Test
    void anOpsLeadChecksTheLabAndAnAuditorReadsItsFindings() throws Exception {
        // given an auditor, who may not start runbooks
        assertThat(audrey.postJson("/engine-rest/process-definition/key/site-health-check/start",
                "{\"variables\":{\"site\":{\"value\":\"lab\"}}}").statusCode()).isEqualTo(403);

        // when an ops lead starts the check of the kolla lab as it ships, with the shipped thresholds
        String green = check();

        // then the engine runs it to its end, GREEN: the default start a newcomer tries is healthy
        assertThat(endEvent(green)).isEqualTo(SiteHealthCheck.Elements.SITE_GREEN_END);
        Map<String, JsonNode> shipped = historicVariables(audrey, green);
        assertThat(shipped.get("health").path("value").asText()).isEqualTo("GREEN");
        assertThat(shipped.get("summary").path("value").asText()).startsWith("Site lab is GREEN");

        // when Placement keeps an allocation that belongs to no instance on cn01 (the lab's fault for a busy host)
        LabFault orphan = lab.require("lab").injectFault(LabFault.of(FaultType.ORPHANED_ALLOCATION, "cn01"));
        String amber;
        try {
            amber = check();
        } finally {
            lab.require("lab").removeFault(orphan.id());
        }

        // then an auditor reads the output contract from the history: cn01 at 85 % of its RAM makes the site AMBER
        assertThat(endEvent(amber)).isEqualTo(SiteHealthCheck.Elements.SITE_AMBER_END);
        Map<String, JsonNode> variables = historicVariables(audrey, amber);
        assertThat(variables.get("health").path("value").asText()).isEqualTo("AMBER");
        assertThat(variables.get("findings").path("valueInfo").path("serializationDataFormat").asText()).isEqualTo("application/json");
        JsonNode findings = JSON.readTree(variables.get("findings").path("value").asText());
        assertThat(findings.isArray()).isTrue();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.path("check").asText()).isEqualTo("hypervisor-usage");
            assertThat(f.path("health").asText()).isEqualTo("AMBER");
            assertThat(f.path("subject").asText()).isEqualTo("cn01");
            assertThat(f.path("message").asText()).isEqualTo("RAM at 85 % (111411 of 131072 MiB), above the 80 % threshold");
        });
        assertThat(variables.get("summary").path("value").asText()).startsWith("Site lab is AMBER (0 red, 1 amber finding(s))");
        assertThat(variables.get("initiator").path("value").asText()).isEqualTo("olga");
    }

    /** Olga starts a check of {@code lab} over REST; the ended run's id. */
    private String check() throws Exception {
        HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/site-health-check/start",
                "{\"variables\":{\"site\":{\"value\":\"lab\",\"type\":\"String\"}}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("id").asText();
        JsonNode run = awaitEnded(olga, id, Duration.ofSeconds(30));
        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("startUserId").asText()).isEqualTo("olga");
        return id;
    }

    private String endEvent(String id) throws Exception {
        JsonNode ends = JSON.readTree(audrey.get("/engine-rest/history/activity-instance?processInstanceId=" + id
                + "&activityType=noneEndEvent").body());
        assertThat(ends).hasSize(1);
        return ends.get(0).path("activityId").asText();
    }
}
