package io.dayshift.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.testing.Http;
import io.dayshift.testing.Users;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ApplicationContext;

/**
 * Approvals that need more than one person (the test process {@code approval-pair} needs two, from {@code approvers} or
 * {@code change-board}, as application-test.yml sets), bound to the plan they were shown, through the REST API as
 * Tasklist uses it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApprovalRounds {

    private static final ObjectMapper JSON = new ObjectMapper();

    IdentityService identity;
    TaskService tasks;
    RuntimeService runtime;
    HistoryService history;

    /** The service the rounds run against. */
    protected abstract ApplicationContext service();

    protected abstract int port();

    /** Ivan leads operations and approves too; Alice and Bob approve; Carol sits on the change board; Erin only leads. */
    Http ivan;
    Http alice;
    Http bob;
    Http carol;
    Http erin;

    @BeforeEach
    void users() {
        identity = service().getBean(IdentityService.class);
        tasks = service().getBean(TaskService.class);
        runtime = service().getBean(RuntimeService.class);
        history = service().getBean(HistoryService.class);
        int port = port();
        if (identity.createGroupQuery().groupId("change-board").count() == 0) {
            identity.saveGroup(identity.newGroup("change-board"));
        }
        Users.ensure(identity, "ivan", Roles.OPS_LEADS, Roles.APPROVERS);
        Users.ensure(identity, "alice", Roles.APPROVERS);
        Users.ensure(identity, "bob", Roles.APPROVERS);
        Users.ensure(identity, "carol", "change-board");
        Users.ensure(identity, "erin", Roles.OPS_LEADS);
        ivan = Http.as(port, "ivan", Users.PASSWORD);
        alice = Http.as(port, "alice", Users.PASSWORD);
        bob = Http.as(port, "bob", Users.PASSWORD);
        carol = Http.as(port, "carol", Users.PASSWORD);
        erin = Http.as(port, "erin", Users.PASSWORD);
    }

    @Test
    void twoDistinctPeopleApproveAndNeitherIsTheInitiator() throws Exception {
        // given a run started by ivan whose approval needs two people
        String run = start(ivan, "drain cn01: vm-a, vm-b");
        Task first = approval(run);
        assertThat(tasks.getVariableLocal(first.getId(), "approvalStatus")).asString().contains("Needs 2 approvals from approvers or change-board");
        assertThat(tasks.getIdentityLinksForTask(first.getId())).extracting(link -> link.getGroupId()).contains("approvers", "change-board");

        // when alice approves, the approval opens again, saying who approved and how many are still needed
        assertThat(decide(alice, first, true, "capacity checked").statusCode()).isEqualTo(204);
        Task second = approval(run);
        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(tasks.getVariableLocal(second.getId(), "approvalStatus")).asString()
                .contains("Approved so far: alice at", "(capacity checked)", "Still needed: 1, from someone else");
        assertThat(second.getDescription()).contains("Approved so far: alice");

        // then alice cannot approve twice, ivan cannot approve his own run, erin is no approver
        HttpResponse<String> again = decide(alice, second, true, "still fine");
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("alice has already approved 'Approve plan — ").contains("' in this round");
        assertThat(decide(ivan, second, true, "mine").statusCode()).isEqualTo(403);
        assertThat(erin.postJson("/engine-rest/task/" + second.getId() + "/claim", "{\"userId\":\"erin\"}").statusCode()).isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(run).singleResult()).isNotNull();

        // and carol of the change board gives the second approval: the plan is carried out
        assertThat(decide(carol, second, true, "CAB-118 agreed").statusCode()).isEqualTo(204);
        assertThat(endEvent(run)).isEqualTo("EndEvent_Done");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(run).variableName("carriedOut").singleResult().getValue())
                .isEqualTo("drain cn01: vm-a, vm-b");
        JsonNode decisions = decisions(run);
        assertThat(decisions).hasSize(2);
        assertThat(decisions.findValuesAsText("approver")).containsExactly("alice", "carol");
        assertThat(decisions.get(0).get("planFingerprint").asText()).matches("[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}")
                .isEqualTo(decisions.get(1).get("planFingerprint").asText());
        assertThat(decisions.get(0).get("round").asText()).isEqualTo(decisions.get(1).get("round").asText());
        assertThat(decisions.get(1).get("required").asInt()).isEqualTo(2);
    }

    @Test
    void oneRejectionRejects() throws Exception {
        String run = start(ivan, "drain cn02: vm-c");
        assertThat(decide(alice, approval(run), true, "fine by me").statusCode()).isEqualTo(204);

        assertThat(decide(bob, approval(run), false, "tenant freeze this week").statusCode()).isEqualTo(204);

        assertThat(endEvent(run)).isEqualTo("EndEvent_Rejected");
        assertThat(decisions(run).findValuesAsText("approver")).containsExactly("alice", "bob");
    }

    @Test
    void theApprovalFormOpensWithoutAnotherPersonsWords() throws Exception {
        // given a run started with the ops lead's own reason, and a first approver's decision
        String run = start(ivan, "drain cn03: vm-d");
        assertThat(decide(alice, approval(run), true, "alice's words").statusCode()).isEqualTo(204);

        // when the next approver opens the form, its decision fields are empty; the fingerprint and the status are shown
        JsonNode form = JSON.readTree(bob.get("/engine-rest/task/" + approval(run).getId() + "/form-variables").body());
        assertThat(form.has("approve")).isFalse();
        assertThat(form.has("approvalReason")).isFalse();
        assertThat(form.path("reason").path("value").asText()).isEqualTo("the ops lead's own reason");
        assertThat(form.path("planFingerprint").path("value").asText()).matches("[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}");
        assertThat(form.path("approvalStatus").path("value").asText()).contains("alice");
    }

    @Test
    void aPlanThatChangedAfterItsApprovalGoesBackForApproval() throws Exception {
        // given a run whose plan alice approved, and a site that changes before the second approval
        String run = start(ivan, "drain cn04: vm-e");
        String approvedFirst = (String) tasks.getVariableLocal(approval(run).getId(), "planFingerprint");
        assertThat(decide(alice, approval(run), true, "ok").statusCode()).isEqualTo(204);
        runtime.setVariable(run, "siteNow", "drain cn04: vm-e, vm-f");
        assertThat(decide(carol, approval(run), true, "ok too").statusCode()).isEqualTo(204);

        // when the run looks at the site again, the plan differs from the approved one: it goes back for approval
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(run).variableName("carriedOut").count()).isZero();
        Task again = approval(run);
        String changed = (String) tasks.getVariableLocal(again.getId(), "planFingerprint");
        assertThat(changed).isNotEqualTo(approvedFirst);
        assertThat(tasks.getVariableLocal(again.getId(), "approvalStatus")).asString().doesNotContain("alice");

        // then two approvals of the new plan carry it out
        assertThat(decide(alice, again, true, "one more instance, fine").statusCode()).isEqualTo(204);
        assertThat(decide(bob, approval(run), true, "fine").statusCode()).isEqualTo(204);
        assertThat(endEvent(run)).isEqualTo("EndEvent_Done");
        assertThat(decisions(run).get(3).get("planFingerprint").asText()).isEqualTo(changed);
    }

    @Test
    void aDecisionOnAPlanThatChangedWhileItWasShownIsRefused() throws Exception {
        String run = start(ivan, "drain cn05: vm-g");
        Task shown = approval(run);
        runtime.setVariable(run, "plan", "drain cn05: vm-g, vm-h");

        HttpResponse<String> decided = decide(alice, shown, true, "looks fine");

        assertThat(decided.statusCode()).isEqualTo(400);
        assertThat(decided.body()).contains("changed after it was shown");
        assertThat(decisions(run)).isNull();
    }

    @Test
    void aStepThatCarriesOutAPlanRefusesOneNobodyApproved() throws Exception {
        String run = start(ivan, "drain cn06: vm-i");

        assertThatThrownBy(() -> runtime.createProcessInstanceModification(run).startBeforeActivity("Task_CarryOut").execute())
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("Rule 'approved plan only'");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(run).variableName("carriedOut").count()).isZero();
    }

    @Test
    void whoStartedTheRunComesFromTheEnginesRecordNotAVariable() throws Exception {
        String run = start(ivan, "drain cn07: vm-j");
        runtime.setVariable(run, "initiator", "somebody-else");

        HttpResponse<String> claim = ivan.postJson("/engine-rest/task/" + approval(run).getId() + "/claim", "{\"userId\":\"ivan\"}");

        assertThat(claim.statusCode()).isEqualTo(403);
        assertThat(claim.body()).contains("ivan started this run");
    }

    private String start(Http user, String plan) throws Exception {
        HttpResponse<String> started = user.postJson("/engine-rest/process-definition/key/approval-pair/start", "{\"variables\":{"
                + "\"plan\":{\"value\":\"" + plan + "\"},\"siteNow\":{\"value\":\"" + plan + "\"},"
                + "\"reason\":{\"value\":\"the ops lead's own reason\"}}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return JSON.readTree(started.body()).get("id").asText();
    }

    private Task approval(String run) {
        List<Task> open = tasks.createTaskQuery().processInstanceId(run).list();
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    private static HttpResponse<String> decide(Http user, Task task, boolean approve, String reason) {
        return user.postJson("/engine-rest/task/" + task.getId() + "/complete", "{\"variables\":{\"approve\":{\"value\":" + approve
                + "},\"approvalReason\":{\"value\":\"" + reason + "\"}}}");
    }

    private String endEvent(String run) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(run).singleResult().getEndActivityId();
    }

    private JsonNode decisions(String run) throws Exception {
        var variable = history.createHistoricVariableInstanceQuery().processInstanceId(run).variableName("approvals")
                .disableCustomObjectDeserialization().singleResult();
        return variable == null ? null : JSON.readTree(((SerializableValue) variable.getTypedValue()).getValueSerialized()).get("decisions");
    }

}
