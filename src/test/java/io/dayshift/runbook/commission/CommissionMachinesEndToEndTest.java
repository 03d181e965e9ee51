package io.dayshift.runbook.commission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.testing.Http;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.ServiceTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service with the built-in lab and the job executor running, driven only over REST: the administrator adds an
 * ops lead, who starts {@code commission-machines} on the lab site; the run finishes by itself and its history shows every
 * step and the summary. Lab operations are instant (time factor 0) and the run looks every second.
 */
@ServiceTest
class CommissionMachinesEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = LabTests.tempDirectory("commission-e2e-");
    private static final int PORT = LabTests.freePort();
    private static final Duration RUN_TIME_LIMIT = Duration.ofSeconds(120);

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("dayshift.lab.enabled", () -> "true");
        registry.add("dayshift.lab.directory", DIR::toString);
        registry.add("dayshift.lab.time-factor", () -> "0");
        registry.add("dayshift.runbooks.commission-machines.check-interval", () -> "PT1S");
        registry.add("camunda.bpm.job-execution.enabled", () -> "true");
        registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "200");
        registry.add("camunda.bpm.job-execution.max-wait", () -> "1000");
    }

    @Test
    void anOpsLeadCommissionsTwoLabMachinesAndTheHistoryShowsEveryStep() throws Exception {
        // given an ops lead, added by the administrator
        Http admin = Http.as(PORT, "admin", "test-admin-password");
        assertThat(admin.postJson("/engine-rest/user/create",
                "{\"profile\":{\"id\":\"olga\",\"firstName\":\"Olga\",\"lastName\":\"Lead\"},\"credentials\":{\"password\":\"olga-s3cret-pass\"}}")
                .statusCode()).isEqualTo(204);
        assertThat(admin.putJson("/engine-rest/group/ops-leads/members/olga", "").statusCode()).isEqualTo(204);
        Http olga = Http.as(PORT, "olga", "olga-s3cret-pass");

        // when she starts the runbook for a New and a Ready machine of the lab site
        HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/commission-machines/start", """
                {"variables": {
                  "site": {"value": "lab"},
                  "machines": {"value": "new01,spare02"},
                  "tags": {"value": "openstack-compute,batch-e2e"},
                  "testingScripts": {"value": ""}}}""");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("id").asText();

        // then the run completes by itself
        JsonNode run = waitUntilFinished(olga, id);
        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("startUserId").asText()).isEqualTo("olga");
        JsonNode end = JSON.readTree(olga.get("/engine-rest/history/activity-instance?processInstanceId=" + id
                + "&activityId=" + CommissionMachinesIds.MACHINES_COMMISSIONED_END).body());
        assertThat(end).hasSize(1);

        // and its history has the summary and every step
        String summary = variable(olga, id, "summary").path("value").asText();
        assertThat(summary).startsWith("Site lab: 2 of 2 machines commissioned and Ready, tagged openstack-compute, batch-e2e: ")
                .contains("new01 (", "spare02 (").contains("Started by olga");
        JsonNode steps = JSON.readTree(variable(olga, id, "steps").path("value").asText()).path("steps");
        List<String> stepIds = new ArrayList<>();
        steps.forEach(step -> stepIds.add(step.path("step").asText()));
        assertThat(stepIds).containsSubsequence(CommissionMachinesIds.VALIDATE_INPUT, CommissionMachinesIds.COMMISSION_MACHINE,
                CommissionMachinesIds.CHECK_COMMISSIONING, CommissionMachinesIds.APPLY_TAGS, CommissionMachinesIds.SUMMARISE_RUN);
        assertThat(stepIds).filteredOn(CommissionMachinesIds.COMMISSION_MACHINE::equals).hasSize(2);
        JsonNode last = steps.get(steps.size() - 1);
        assertThat(last.path("evidence").asText()).contains("new01 (").contains("Ready [").contains("batch-e2e");
    }

    private static JsonNode waitUntilFinished(Http user, String id) throws Exception {
        Instant limit = Instant.now().plus(RUN_TIME_LIMIT);
        JsonNode run = JSON.readTree(user.get("/engine-rest/history/process-instance/" + id).body());
        while (!run.path("state").asText().equals("COMPLETED") && Instant.now().isBefore(limit)) {
            assertThat(run.path("state").asText()).as("the run of %s", id).isIn("ACTIVE", "COMPLETED");
            Thread.sleep(250);
            run = JSON.readTree(user.get("/engine-rest/history/process-instance/" + id).body());
        }
        return run;
    }

    private static JsonNode variable(Http user, String id, String name) throws Exception {
        JsonNode found = JSON.readTree(user.get("/engine-rest/history/variable-instance?processInstanceId=" + id + "&variableName=" + name
                + "&deserializeValues=false").body());
        assertThat(found).as(name).hasSize(1);
        return found.get(0);
    }

}
