package io.dayshift.runbook.commission;

import static io.dayshift.testing.EngineRest.historicVariable;
import static io.dayshift.testing.EngineRest.newUser;
import static io.dayshift.testing.EngineRest.waitUntilCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
@RunbookEndToEndTest(timeFactor = "0")
class CommissionMachinesEndToEndTest extends EndToEndFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN_TIME_LIMIT = Duration.ofSeconds(120);

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("dayshift.runbooks.commission-machines.check-interval", () -> "PT1S");
    }

    @Test
    void anOpsLeadCommissionsTwoLabMachinesAndTheHistoryShowsEveryStep() throws Exception {
        // given an ops lead, added by the administrator
        Http admin = admin();
        Http olga = newUser(admin, port, "olga", "ops-leads");

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
        JsonNode run = waitUntilCompleted(olga, id, RUN_TIME_LIMIT);
        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("startUserId").asText()).isEqualTo("olga");
        JsonNode end = JSON.readTree(olga.get("/engine-rest/history/activity-instance?processInstanceId=" + id
                + "&activityId=" + CommissionMachines.Elements.MACHINES_COMMISSIONED_END).body());
        assertThat(end).hasSize(1);

        // and its history has the summary and every step
        String summary = historicVariable(olga, id, "summary").path("value").asText();
        assertThat(summary).startsWith("Site lab: 2 of 2 machines commissioned and Ready, tagged openstack-compute, batch-e2e: ")
                .contains("new01 (", "spare02 (").contains("Started by olga");
        JsonNode steps = JSON.readTree(historicVariable(olga, id, "steps").path("value").asText()).path("steps");
        List<String> stepIds = new ArrayList<>();
        steps.forEach(step -> stepIds.add(step.path("step").asText()));
        assertThat(stepIds).containsSubsequence(CommissionMachines.Elements.VALIDATE_INPUT, CommissionMachines.Elements.COMMISSION_MACHINE,
                AwaitOperation.CHECK, CommissionMachines.Elements.APPLY_TAGS, CommissionMachines.Elements.SUMMARISE_RUN);
        assertThat(stepIds).filteredOn(CommissionMachines.Elements.COMMISSION_MACHINE::equals).hasSize(2);
        JsonNode last = steps.get(steps.size() - 1);
        assertThat(last.path("evidence").asText()).contains("new01 (").contains("Ready [").contains("batch-e2e");
    }
}
