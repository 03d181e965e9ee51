package io.dayshift.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.testing.Http;
import io.dayshift.testing.ServiceTest;
import io.dayshift.testing.Users;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The four-eyes rule and the approval record, through the REST API as Tasklist uses it. */
@ServiceTest
class FourEyesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    /** Ivan leads operations and approves too: he may approve others' runs, never his own. */
    Http ivan;
    Http alice;

    @BeforeEach
    void users() {
        Users.ensure(identity, "ivan", Roles.OPS_LEADS, Roles.APPROVERS);
        Users.ensure(identity, "alice", Roles.APPROVERS);
        ivan = Http.as(port, "ivan", Users.PASSWORD);
        alice = Http.as(port, "alice", Users.PASSWORD);
    }

    @Test
    void theInitiatorCannotApproveTheirOwnRun() throws Exception {
        // given a run started by ivan
        String instanceId = start(ivan);
        String taskId = approvalTask(instanceId);

        // when ivan tries to claim or complete its approval, the engine refuses
        HttpResponse<String> claim = ivan.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"ivan\"}");
        assertThat(claim.statusCode()).isEqualTo(403);
        assertThat(claim.body()).contains("Four-eyes rule").contains("ivan started this run");
        HttpResponse<String> complete = ivan.postJson("/engine-rest/task/" + taskId + "/complete", decision(true, "looks fine"));
        assertThat(complete.statusCode()).isEqualTo(403);
        assertThat(complete.body()).contains("Four-eyes rule");

        // then the approval still waits, unassigned, for another approver
        var task = tasks.createTaskQuery().taskId(taskId).singleResult();
        assertThat(task).isNotNull();
        assertThat(task.getAssignee()).isNull();
    }

    @Test
    void whoAskedForTheDecisionCannotTakeIt() throws Exception {
        // given a run an alert started (no initiator), where ivan asked for what the approval decides (he chose the mitigation)
        String instanceId = runtime.startProcessInstanceByKey("approval-check").getId();
        runtime.setVariable(instanceId, Approvals.REQUESTER.name(), "ivan");
        String taskId = approvalTask(instanceId);

        // when ivan tries to claim or complete it, the engine refuses
        HttpResponse<String> claim = ivan.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"ivan\"}");
        assertThat(claim.statusCode()).isEqualTo(403);
        assertThat(claim.body()).contains("Four-eyes rule").contains("ivan asked for what");
        HttpResponse<String> complete = ivan.postJson("/engine-rest/task/" + taskId + "/complete", decision(true, "mine, fine"));
        assertThat(complete.statusCode()).isEqualTo(403);

        // then the approval still waits for someone else
        assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
    }

    @Test
    void anApproverGivesBackAClaimedApprovalButNobodyElseTakesItFromThem() throws Exception {
        String instanceId = start(ivan);
        String taskId = approvalTask(instanceId);
        assertThat(alice.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"alice\"}").statusCode()).isEqualTo(204);

        // ivan (the initiator) cannot unclaim alice's claim to take it over
        HttpResponse<String> takenOver = ivan.postJson("/engine-rest/task/" + taskId + "/unclaim", "");
        assertThat(takenOver.statusCode()).isEqualTo(403);
        assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo("alice");

        // alice gives it back from Tasklist: it waits, unassigned, for any approver
        HttpResponse<String> givenBack = alice.postJson("/engine-rest/task/" + taskId + "/unclaim", "");
        assertThat(givenBack.statusCode()).as(givenBack.body()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
    }

    @Test
    void anotherApproverApprovesAndTheDecisionIsRecorded() throws Exception {
        String instanceId = start(ivan);
        String taskId = approvalTask(instanceId);

        assertThat(alice.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"alice\"}").statusCode()).isEqualTo(204);
        assertThat(alice.postJson("/engine-rest/task/" + taskId + "/complete", decision(true, "capacity checked")).statusCode())
                .isEqualTo(204);

        assertThat(endEvent(instanceId)).isEqualTo("EndEvent_Approved");
        JsonNode decisions = recordedDecisions(instanceId);
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).get("approver").asText()).isEqualTo("alice");
        assertThat(decisions.get(0).get("approved").asBoolean()).isTrue();
        assertThat(decisions.get(0).get("reason").asText()).isEqualTo("capacity checked");
        assertThat(decisions.get(0).get("task").asText()).isEqualTo("Task_ApprovePlan");
    }

    @Test
    void aRejectionEndsTheRunRecordingWhoAndWhy() throws Exception {
        String instanceId = start(ivan);
        String taskId = approvalTask(instanceId);

        assertThat(alice.postJson("/engine-rest/task/" + taskId + "/complete", decision(false, "not in the maintenance window"))
                .statusCode()).isEqualTo(204);

        assertThat(endEvent(instanceId)).isEqualTo("EndEvent_Rejected");
        JsonNode decision = recordedDecisions(instanceId).get(0);
        assertThat(decision.get("approver").asText()).isEqualTo("alice");
        assertThat(decision.get("approved").asBoolean()).isFalse();
        assertThat(decision.get("reason").asText()).isEqualTo("not in the maintenance window");
    }

    @Test
    void aDecisionNeedsAReason() throws Exception {
        String instanceId = start(ivan);
        String taskId = approvalTask(instanceId);

        HttpResponse<String> noReason = alice.postJson("/engine-rest/task/" + taskId + "/complete", decision(true, "  "));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("needs your reason");
        HttpResponse<String> noDecision = alice.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\":{\"approvalReason\":{\"value\":\"why not\"}}}");
        assertThat(noDecision.statusCode()).isEqualTo(400);
        assertThat(noDecision.body()).contains("needs a decision");
        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    }

    private String start(Http user) throws Exception {
        HttpResponse<String> started = user.postJson("/engine-rest/process-definition/key/approval-check/start", "{}");
        assertThat(started.statusCode()).isEqualTo(200);
        return JSON.readTree(started.body()).get("id").asText();
    }

    private String approvalTask(String instanceId) {
        return tasks.createTaskQuery().processInstanceId(instanceId).singleResult().getId();
    }

    private String endEvent(String instanceId) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult().getEndActivityId();
    }

    private JsonNode recordedDecisions(String instanceId) throws Exception {
        String json = history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).variableName("approvals")
                .disableCustomObjectDeserialization().singleResult().getTypedValue() instanceof
                org.camunda.bpm.engine.variable.value.SerializableValue value ? value.getValueSerialized() : null;
        return JSON.readTree(json).get("decisions");
    }

    private static String decision(boolean approved, String reason) {
        return "{\"variables\":{\"approve\":{\"value\":" + approved + "},\"approvalReason\":{\"value\":\"" + reason + "\"}}}";
    }
}
