package io.dayshift.runbook.addcompute;

import static io.dayshift.testing.EngineRest.json;
import static io.dayshift.testing.EngineRest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.lab.model.Hypervisor;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import io.dayshift.testing.TaskForms;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service with the lab and the job executor on, driven over REST only, as people would: an ops lead starts
 * {@code add-compute-node} on the kolla lab site, an approver (another user) claims and approves it, and the run ends
 * with the host in the lab's Nova. The lab runs on the system clock, 100 times faster than its defaults.
 */
@RunbookEndToEndTest(timeFactor = "0.01")
class AddComputeNodeEndToEndTest extends EndToEndFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("camunda.bpm.job-execution.max-wait", () -> "500");
        registry.add("dayshift.runbooks.add-compute-node.check-interval", () -> "PT1S");
    }

    @Test
    void anOpsLeadStartsItAnotherUserApprovesItAndTheHostJoinsTheCloud() throws Exception {
        // given an ops lead and an approver
        Http olga = user("olga", Roles.OPS_LEADS);
        Http anna = user("anna", Roles.APPROVERS);

        // when olga starts the runbook over REST
        HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/add-compute-node/start",
                "{\"variables\":{\"site\":{\"value\":\"lab\"},\"machine\":{\"value\":\"spare01\"},\"availabilityZone\":{\"value\":\"az1\"}}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String instanceId = JSON.readTree(started.body()).get("id").asText();

        // and anna finds the approval with the plan, claims it and approves it
        JsonNode offered = waitFor(() -> json(anna.get("/engine-rest/task?candidateGroup=approvers&processInstanceId=" + instanceId)),
                tasks -> tasks.size() == 1, PATIENCE);
        String taskId = offered.get(0).get("id").asText();
        JsonNode form = json(anna.get("/engine-rest/task/" + taskId + "/form-variables?variableNames=plan,machine,zone"));
        assertThat(form.at("/plan/value").asText()).contains("spare01").contains("[compute]").contains("az1");
        TaskForms.Loaded approvalForm = TaskForms.check(anna, taskId);
        assertThat(approvalForm.rows("Table_Steps").toString()).contains("add spare01 to inventory group [compute]").contains("kolla-ansible deploy --limit spare01");
        assertThat(anna.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"anna\"}").statusCode()).isEqualTo(204);
        assertThat(anna.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\":{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"capacity for the peak\"}}}").statusCode()).isEqualTo(204);

        // then the run ends with the host added, as its history shows
        JsonNode ended = waitFor(() -> json(olga.get("/engine-rest/history/process-instance/" + instanceId)),
                p -> !p.path("endTime").isNull() && !p.path("endTime").isMissingNode(), PATIENCE);
        assertThat(ended.get("state").asText()).isEqualTo("COMPLETED");
        JsonNode end = json(olga.get("/engine-rest/history/activity-instance?processInstanceId=" + instanceId + "&activityId="
                + AddComputeNode.Elements.COMPUTE_NODE_ADDED_END));
        assertThat(end.size()).isEqualTo(1);
        JsonNode summary = json(olga.get("/engine-rest/history/variable-instance?processInstanceId=" + instanceId + "&variableName=summary"));
        assertThat(summary.get(0).get("value").asText()).contains("Added compute host spare01").contains("Approved by anna");
        Hypervisor hypervisor = lab.require("lab").nova().hypervisor("spare01").orElseThrow();
        assertThat(hypervisor.up()).isTrue();
        assertThat(hypervisor.zone()).isEqualTo("az1");
    }
}
