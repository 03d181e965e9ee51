package io.dayshift.runbook.drain;

import static io.dayshift.testing.EngineRest.claimAndComplete;
import static io.dayshift.testing.EngineRest.historicVariable;
import static io.dayshift.testing.EngineRest.newUser;
import static io.dayshift.testing.EngineRest.stepIds;
import static io.dayshift.testing.EngineRest.waitUntilCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.lab.model.InstanceStatus;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import io.dayshift.testing.TaskForms;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service with the built-in lab and the job executor running, driven only over REST: the administrator adds an
 * ops lead and an approver; the ops lead starts {@code drain-compute-node} on the lab site, the approver approves its plan
 * in the task list, the run drains the host by itself; then the ops lead returns the host with {@code return-compute-node}.
 * Lab operations take a hundredth of their time and the runs look every second.
 */
@RunbookEndToEndTest(timeFactor = "0.01")
class DrainComputeNodeEndToEndTest extends EndToEndFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN_TIME_LIMIT = Duration.ofSeconds(120);

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/drain-kolla.yaml");
        registry.add("dayshift.lab.sites.lab-charmed", () -> "lab/small-charmed.yaml");
        registry.add("dayshift.runbooks.drain-compute-node.check-interval", () -> "PT1S");
    }

    @Test
    void anOpsLeadDrainsAHostAnApproverApprovesAndTheHostIsReturnedAfterwards() throws Exception {
        // given an ops lead and an approver, added by the administrator
        Http admin = admin();
        Http olga = newUser(admin, port, "olga", "ops-leads");
        Http alice = newUser(admin, port, "alice", "approvers");

        // when olga starts the drain of cn01
        HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/drain-compute-node/start", """
                {"variables": {
                  "site": {"value": "lab"},
                  "host": {"value": "cn01"},
                  "reason": {"value": "firmware update, ticket OPS-4711"}}}""");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("id").asText();

        // and alice finds the approval among her group's tasks, with the plan, and approves it
        JsonNode task = waitForTask(alice, id);
        String taskId = task.path("id").asText();
        JsonNode form = JSON.readTree(alice.get("/engine-rest/task/" + taskId + "/form-variables?variableNames=planSummary,operatorReason").body());
        assertThat(form.path("planSummary").path("value").asText()).contains("Drain cn01 (az1) on site lab: 4 instance(s)").contains(" → cn2");
        assertThat(form.path("operatorReason").path("value").asText()).isEqualTo("firmware update, ticket OPS-4711");
        TaskForms.Loaded approvalForm = TaskForms.check(alice, taskId);
        assertThat(approvalForm.rows("Table_Moves")).hasSize(4).allSatisfy(row -> {
            assertThat(row.path("from").asText()).isEqualTo("cn01");
            assertThat(row.path("to").asText()).startsWith("cn");
            assertThat(row.path("localData").asText()).startsWith("kept: ");
        });
        assertThat(approvalForm.rows("Table_Hosts")).isNotEmpty().allSatisfy(row -> {
            assertThat(row.path("ramAfter").asDouble()).isGreaterThanOrEqualTo(row.path("ramBefore").asDouble());
            assertThat(row.path("thresholds").asText()).matches(row.path("over").asBoolean() ? "OVER: .*" : "within \\(vCPU \\d+ %, RAM \\d+ %, disk \\d+ %\\)");
        });
        assertThat(approvalForm.value("planTable").path("title").asText()).isEqualTo("Drain cn01 (az1) on site lab: 4 instance(s)");
        assertThat(alice.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"alice\"}").statusCode()).isEqualTo(204);
        // (as Tasklist submits the form: its read-only fields come back as shown; one changed is refused)
        Map<String, Object> answers = Map.of("approve", true, "approvalReason", "window agreed with the tenants");
        String asShown = TaskForms.submission(approvalForm, answers);
        String fingerprint = approvalForm.variables().path("planFingerprint").path("value").asText();
        assertThat(fingerprint).isNotBlank();
        HttpResponse<String> tampered = alice.postJson("/engine-rest/task/" + taskId + "/submit-form",
                asShown.replace(fingerprint, "0000-0000-0000"));
        assertThat(tampered.statusCode()).as(tampered.body()).isEqualTo(403);
        assertThat(tampered.body()).contains("planFingerprint");
        HttpResponse<String> approved = alice.postJson("/engine-rest/task/" + taskId + "/submit-form", asShown);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);

        // then the run drains the host by itself
        JsonNode run = waitUntilCompleted(olga, id, RUN_TIME_LIMIT);
        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("startUserId").asText()).isEqualTo("olga");
        assertThat(ended(olga, id, DrainComputeNode.Elements.END_HOST_DRAINED)).isTrue();
        assertThat(historicVariable(olga, id, "drained").path("value").asBoolean()).isTrue();
        assertThat(historicVariable(olga, id, "summary").path("value").asText()).startsWith("Host cn01 on site lab drained: 4 instance(s) moved")
                .contains("approved by alice");
        JsonNode moved = JSON.readTree(historicVariable(olga, id, "movedInstances").path("value").asText()).path("moves");
        assertThat(moved).hasSize(4);
        assertThat(lab.require("lab").nova().instancesOn("cn01")).isEmpty();
        assertThat(lab.require("lab").nova().hypervisor("cn01").orElseThrow().disabledReason()).startsWith("firmware update, ticket OPS-4711 [out of service for Dayshift run ");
        List<String> steps = stepIds(olga, id);
        assertThat(steps).containsSubsequence(DrainComputeNode.Elements.VALIDATE_INPUT, DrainComputeNode.Elements.LIST_INSTANCES, DrainComputeNode.Elements.PLAN_CAPACITY,
                DrainComputeNode.Elements.DISABLE_COMPUTE_SERVICE, DrainComputeNode.Elements.START_MIGRATION, AwaitOperation.CHECK, DrainComputeNode.Elements.FINISH_MIGRATION,
                DrainComputeNode.Elements.VERIFY_HOST_EMPTY,
                DrainComputeNode.Elements.SUMMARISE_DRAIN);

        // and when olga returns the host, its nova-compute is enabled and up again
        HttpResponse<String> returned = olga.postJson("/engine-rest/process-definition/key/return-compute-node/start", """
                {"variables": {
                  "site": {"value": "lab"},
                  "host": {"value": "cn01"},
                  "reason": {"value": "firmware updated"}}}""");
        assertThat(returned.statusCode()).as(returned.body()).isEqualTo(200);
        String returnId = JSON.readTree(returned.body()).path("id").asText();
        assertThat(waitUntilCompleted(olga, returnId, RUN_TIME_LIMIT).path("state").asText()).isEqualTo("COMPLETED");
        assertThat(ended(olga, returnId, ReturnComputeNode.Elements.END_HOST_RETURNED)).isTrue();
        assertThat(historicVariable(olga, returnId, "returned").path("value").asBoolean()).isTrue();
        assertThat(lab.require("lab").nova().hypervisor("cn01").orElseThrow().enabled()).isTrue();
    }

    @Test
    void aDrainWhoseHostChangedWhileItsApprovalWaitedGoesBackForApprovalInsteadOfActing() throws Exception {
        // given a drain of cn11 waiting for its approval, its plan's fingerprint on the form
        Http admin = admin();
        Http pavel = newUser(admin, port, "pavel", "ops-leads");
        Http beth = newUser(admin, port, "beth", "approvers");
        HttpResponse<String> started = pavel.postJson("/engine-rest/process-definition/key/drain-compute-node/start", """
                {"variables": {"site": {"value": "lab"}, "host": {"value": "cn11"}, "reason": {"value": "PSU swap, OPS-5120"}}}""");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("id").asText();
        JsonNode first = waitForTask(beth, id, "");
        String shown = planFingerprint(beth, first);
        assertThat(shown).matches("[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}");

        // when a tenant boots an instance on cn11 while the approval waits, and beth then approves the plan she was shown
        var site = lab.require("lab");
        var small = site.nova().flavors().stream().filter(f -> f.name().equals("m1.small")).findFirst().orElseThrow();
        String late = site.nova().bootServer("late-e2e", site.keystone().adminProjectId(), small.id(), site.nova().images().get(0).id(), "cn11", "", "", "").id();
        // (once it is ACTIVE: a guest still building would change the plan again, and rightly ask for a third approval)
        Instant booted = Instant.now().plusSeconds(20);
        while (site.nova().instance(late).orElseThrow().status() != InstanceStatus.ACTIVE && Instant.now().isBefore(booted)) {
            Thread.sleep(100);
        }
        claimAndComplete(beth, "beth", first, approval("two instances, fine"));

        // then the run looks again, finds a plan that is not the approved one, disables nothing and asks again
        JsonNode second = waitForTask(beth, id, first.path("id").asText());
        String replanned = planFingerprint(beth, second);
        assertThat(replanned).isNotEqualTo(shown);
        assertThat(JSON.readTree(beth.get("/engine-rest/task/" + second.path("id").asText() + "/form-variables?variableNames=planSummary").body())
                .path("planSummary").path("value").asText()).contains("late-e2e");
        assertThat(site.nova().hypervisor("cn11").orElseThrow().enabled()).isTrue();
        assertThat(JSON.readTree(pavel.get("/engine-rest/history/activity-instance?processInstanceId=" + id
                + "&activityId=" + DrainComputeNode.Elements.DISABLE_COMPUTE_SERVICE).body())).isEmpty();

        // and once the new plan is approved, the drain moves all three instances and ends drained
        claimAndComplete(beth, "beth", second, approval("three instances, fine"));
        assertThat(waitUntilCompleted(pavel, id, RUN_TIME_LIMIT).path("state").asText())
                .as("open tasks: %s", pavel.get("/engine-rest/task?processInstanceId=" + id).body()).isEqualTo("COMPLETED");
        assertThat(ended(pavel, id, DrainComputeNode.Elements.END_HOST_DRAINED)).isTrue();
        assertThat(site.nova().instancesOn("cn11")).isEmpty();
        assertThat(site.nova().instance(late).orElseThrow().host()).isNotEqualTo("cn11");
        JsonNode decisions = JSON.readTree(historicVariable(pavel, id, "approvals").path("value").asText()).path("decisions");
        assertThat(decisions.findValuesAsText("planFingerprint")).containsExactly(shown, replanned);
    }

    private static String approval(String reason) {
        return "{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"" + reason + "\"}}";
    }

    private static String planFingerprint(Http user, JsonNode task) throws Exception {
        return JSON.readTree(user.get("/engine-rest/task/" + task.path("id").asText() + "/form-variables?variableNames=planFingerprint").body())
                .path("planFingerprint").path("value").asText();
    }

    private static JsonNode waitForTask(Http user, String id) throws Exception {
        return waitForTask(user, id, "");
    }

    /** The run's open approval task, once there is one other than {@code notTask}. */
    private static JsonNode waitForTask(Http user, String id, String notTask) throws Exception {
        Instant limit = Instant.now().plus(RUN_TIME_LIMIT);
        while (Instant.now().isBefore(limit)) {
            JsonNode found = JSON.readTree(user.get("/engine-rest/task?processInstanceId=" + id + "&candidateGroup=approvers").body());
            if (found.size() == 1 && !found.get(0).path("id").asText().equals(notTask)) {
                return found.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no approval task for run " + id + " within " + RUN_TIME_LIMIT);
    }

    private static boolean ended(Http user, String id, String endEvent) throws Exception {
        return JSON.readTree(user.get("/engine-rest/history/activity-instance?processInstanceId=" + id + "&activityId=" + endEvent).body()).size() == 1;
    }
}
