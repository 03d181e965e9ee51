package io.dayshift.runbook.upgrade;

import static io.dayshift.testing.EngineRest.json;
import static io.dayshift.testing.EngineRest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.lab.model.LabSite;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import io.dayshift.testing.TaskForms;
import io.dayshift.testing.Users;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service with the lab and the job executor on, driven over REST only, as people would: an ops lead starts
 * {@code rolling-upgrade} on the kolla site {@code lab} and on the charmed site {@code lab-charmed}, an approver (another
 * user) approves the plan, the ops lead works the drains' questions (an instance in ERROR cannot be migrated: skip it,
 * finish, and let the upgrade proceed with that host), and the run ends with every compute host on the new release.
 * The lab runs on the system clock, a thousand times faster than its defaults; every other setting is the shipped one
 * (thresholds, N+1 reserve per zone), so this is the default start a newcomer tries, only faster.
 */
@RunbookEndToEndTest(timeFactor = "0.001")
class RollingUpgradeEndToEndTest extends EndToEndFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofMinutes(6);
    private static final Set<String> DRAIN_QUESTIONS = Set.of("Task_DecideOperation", "Task_DecideHostNotEmpty", "Task_DecideDrainFailure");

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("camunda.bpm.job-execution.max-wait", () -> "500");
        registry.add("dayshift.runbooks.rolling-upgrade.check-interval", () -> "PT1S");
        registry.add("dayshift.runbooks.drain-compute-node.check-interval", () -> "PT1S");
    }

    @Autowired
    ProcessEngine engine;

    @BeforeEach
    void setUp() {
        Users.ensure(identity, "olga", Roles.OPS_LEADS);
        Users.ensure(identity, "anna", Roles.APPROVERS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lab", "lab-charmed"})
    void anOpsLeadStartsItAnotherUserApprovesItAndEveryHostEndsOnTheNewRelease(String siteName) throws Exception {
        // given an ops lead and an approver, and the site on 2023.2
        Http olga = Http.as(port, "olga", Users.PASSWORD);
        Http anna = Http.as(port, "anna", Users.PASSWORD);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

        // when olga starts the upgrade to 2024.1 over REST, canary cn06, batches of one
        Instant began = Instant.now();
        HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/rolling-upgrade/start", "{\"variables\":{"
                + "\"site\":{\"value\":\"" + siteName + "\"},\"targetRelease\":{\"value\":\"2024.1\"},\"batchSize\":{\"value\":1,\"type\":\"Long\"},"
                + "\"windowStart\":{\"value\":\"" + now.minusMinutes(1) + "\"},\"windowEnd\":{\"value\":\"" + now.plusHours(4) + "\"},"
                + "\"canaryHost\":{\"value\":\"cn06\"}}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String instanceId = JSON.readTree(started.body()).get("id").asText();

        // and anna finds the plan approval, may read the plan, and approves; olga may not
        JsonNode offered = waitFor(() -> json(anna.get("/engine-rest/task?candidateGroup=approvers&processInstanceId=" + instanceId)), t -> t.size() == 1, PATIENCE);
        String taskId = offered.get(0).get("id").asText();
        JsonNode form = json(anna.get("/engine-rest/task/" + taskId + "/form-variables?variableNames=planSummary,backupId"));
        assertThat(form.at("/planSummary/value").asText()).contains("2023.2 → 2024.1").contains("canary");
        TaskForms.Loaded approvalForm = TaskForms.check(anna, taskId);
        assertThat(approvalForm.rows("Table_Steps")).anySatisfy(step -> assertThat(step.path("phase").asText()).startsWith("canary batch 1"));
        assertThat(olga.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\":{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"mine\"}}}").statusCode()).isEqualTo(403);
        assertThat(anna.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"anna\"}").statusCode()).isEqualTo(204);
        assertThat(anna.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\":{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"CAB-2024-17\"}}}").statusCode()).isEqualTo(204);

        // then, olga answering the drains' questions, the run ends with the site upgraded
        JsonNode ended = waitFor(() -> {
            answerDrainQuestions(olga);
            return json(olga.get("/engine-rest/history/process-instance/" + instanceId));
        }, p -> !p.path("endTime").isNull() && !p.path("endTime").isMissingNode(), PATIENCE);
        Duration took = Duration.between(began, Instant.now());
        assertThat(ended.get("state").asText()).isEqualTo("COMPLETED");
        JsonNode end = json(olga.get("/engine-rest/history/activity-instance?processInstanceId=" + instanceId + "&activityId="
                + RollingUpgrade.Elements.END_SITE_UPGRADED));
        assertThat(end.size()).isEqualTo(1);
        JsonNode summary = json(olga.get("/engine-rest/history/variable-instance?processInstanceId=" + instanceId + "&variableName=summary"));
        assertThat(summary.get(0).get("value").asText()).contains("upgraded").contains("2024.1 (6)").contains("approved by anna");
        LabSite site = lab.require(siteName);
        if (siteName.equals("lab")) {
            assertThat(site.kolla().hostReleases().values()).containsOnly("2024.1");
        } else {
            assertThat(site.juju().application("nova-compute").orElseThrow().channel()).isEqualTo("2024.1/stable");
        }
        assertThat(site.nova().hypervisors()).allMatch(h -> h.enabled() && h.up());
        System.out.println("rolling-upgrade end to end on " + siteName + ": " + took.toMillis() + " ms wall time");
    }

    /** Olga's part in the drains: skip what Nova cannot move, finish with it on the host, upgrade that host anyway. */
    private static void answerDrainQuestions(Http olga) throws Exception {
        for (JsonNode task : json(olga.get("/engine-rest/task?candidateGroup=ops-leads"))) {
            String key = task.get("taskDefinitionKey").asText();
            if (!DRAIN_QUESTIONS.contains(key)) {
                continue;
            }
            String id = task.get("id").asText();
            if (key.equals("Task_DecideOperation") && !olga.get("/engine-rest/task/" + id + "/variables/operationDescription").body().contains(" migration of ")) {
                continue; // a wait of the upgrade itself, not a drain's migration
            }
            String decision = switch (key) {
                case "Task_DecideOperation" -> "skip";
                case "Task_DecideHostNotEmpty" -> "finish";
                default -> "proceed";
            };
            olga.postJson("/engine-rest/task/" + id + "/claim", "{\"userId\":\"olga\"}");
            HttpResponse<String> done = olga.postJson("/engine-rest/task/" + id + "/complete", "{\"variables\":{\"decision\":{\"value\":\"" + decision
                    + "\"},\"note\":{\"value\":\"an instance in ERROR cannot move; it stays on the host for the upgrade\"}}}");
            if (done.statusCode() == 500 && done.body().contains("updated by another transaction concurrently")) {
                continue; // a job of the same run changed it meanwhile, as a person in Tasklist would see: answered at the next look
            }
            assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        }
    }
}
