package io.dayshift.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.evidence.Entry;
import io.dayshift.evidence.EvidenceStore;
import io.dayshift.evidence.EvidenceVerifier;
import io.dayshift.testing.Http;
import io.dayshift.testing.ServiceTest;
import io.dayshift.testing.Users;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each role calls the engine's REST API and can do exactly its part: ops leads start, approvers
 * complete approval tasks, auditors read history, nobody but an administrator deletes.
 */
@ServiceTest
class RoleAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START = "/engine-rest/process-definition/key/access-check/start";
    private static final String APPROVE = "{\"variables\":{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"checked\"}}}";

    @LocalServerPort
    int port;
    @Autowired
    EvidenceStore evidence;
    @Autowired
    EvidenceVerifier verifier;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;

    Http opsLead;
    Http approver;
    Http auditor;
    Http admin;

    @BeforeEach
    void users() {
        Users.ensure(identity, "olga", Roles.OPS_LEADS);
        Users.ensure(identity, "alice", Roles.APPROVERS);
        Users.ensure(identity, "audrey", Roles.AUDITORS);
        opsLead = Http.as(port, "olga", Users.PASSWORD);
        approver = Http.as(port, "alice", Users.PASSWORD);
        auditor = Http.as(port, "audrey", Users.PASSWORD);
        admin = Http.as(port, "admin", "test-admin-password");
    }

    @Test
    void opsLeadStartsAndSeesTheRunButCannotApprove() throws Exception {
        // when an ops lead starts a run
        HttpResponse<String> started = opsLead.postJson(START, "{}");
        // then it runs, recorded with its initiator
        assertThat(started.statusCode()).isEqualTo(200);
        String instanceId = JSON.readTree(started.body()).get("id").asText();
        assertThat(opsLead.get("/engine-rest/process-instance/" + instanceId).statusCode()).isEqualTo(200);
        assertThat(opsLead.get("/engine-rest/process-instance/" + instanceId + "/variables/initiator").body()).contains("olga");

        // and the ops lead cannot complete the approval
        String taskId = approvalTaskOf(instanceId);
        assertThat(opsLead.postJson("/engine-rest/task/" + taskId + "/complete", APPROVE).statusCode()).isEqualTo(403);
    }

    @Test
    void approverCompletesApprovalsButCannotStart() throws Exception {
        // given a run waiting for approval
        String instanceId = startAsOpsLead();
        String taskId = approvalTaskOf(instanceId);

        // then an approver sees the task offered to the group, and completes it
        JsonNode offered = JSON.readTree(approver.get("/engine-rest/task?candidateGroup=approvers&processInstanceId=" + instanceId).body());
        assertThat(offered).hasSize(1);
        assertThat(approver.postJson("/engine-rest/task/" + taskId + "/complete", APPROVE).statusCode()).isEqualTo(204);

        // and cannot start a runbook
        assertThat(approver.postJson(START, "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void nobodyAssignsThemselvesATaskOfferedToAnotherGroup() throws Exception {
        // given a run waiting for an ops lead's decision
        repository.createDeployment().name("ops-lead-decision").addModelInstance("ops-lead-decision.bpmn",
                Bpmn.createExecutableProcess("ops-lead-decision").camundaHistoryTimeToLive(1).startEvent()
                        .userTask("Task_Decide").name("Decide").camundaCandidateGroups(Roles.OPS_LEADS).endEvent().done()).deploy();
        String instanceId = runtime.startProcessInstanceByKey("ops-lead-decision").getId();
        String taskId = tasks.createTaskQuery().processInstanceId(instanceId).singleResult().getId();
        String assignee = "/engine-rest/task/" + taskId + "/assignee";

        // when an approver, who may give tasks back (unclaim), assigns it to herself, then the engine refuses: it is not hers to decide
        HttpResponse<String> taken = approver.postJson(assignee, "{\"userId\":\"alice\"}");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(403);
        assertThat(taken.body()).contains("take a task offered to others");
        assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();

        // then an ops lead takes it and gives it back, and an administrator may assign it to anyone
        assertThat(opsLead.postJson(assignee, "{\"userId\":\"olga\"}").statusCode()).isEqualTo(204);
        assertThat(opsLead.postJson("/engine-rest/task/" + taskId + "/unclaim", "").statusCode()).isEqualTo(204);
        assertThat(admin.postJson(assignee, "{\"userId\":\"olga\"}").statusCode()).isEqualTo(204);
        runtime.deleteProcessInstance(instanceId, "test over");
    }

    @Test
    void auditorReadsHistoryAndChangesNothing() throws Exception {
        // given a run waiting for approval
        String instanceId = startAsOpsLead();
        String taskId = approvalTaskOf(instanceId);

        // then an auditor reads its definition, state, variables and history
        assertThat(auditor.get("/engine-rest/process-definition/key/access-check").statusCode()).isEqualTo(200);
        assertThat(auditor.get("/engine-rest/process-instance/" + instanceId).statusCode()).isEqualTo(200);
        HttpResponse<String> history = auditor.get("/engine-rest/history/process-instance?processInstanceId=" + instanceId);
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(history.body())).hasSize(1);
        HttpResponse<String> activities = auditor.get("/engine-rest/history/activity-instance?processInstanceId=" + instanceId);
        assertThat(JSON.readTree(activities.body()).findValuesAsText("activityId")).contains("StartEvent_Started", "Task_Approve");

        // and can start, complete, modify and delete nothing
        assertThat(auditor.postJson(START, "{}").statusCode()).isEqualTo(403);
        assertThat(auditor.postJson("/engine-rest/task/" + taskId + "/complete", APPROVE).statusCode()).isEqualTo(403);
        assertThat(auditor.putJson("/engine-rest/process-instance/" + instanceId + "/variables/note",
                "{\"value\":\"x\",\"type\":\"String\"}").statusCode()).isEqualTo(403);
        assertThat(auditor.delete("/engine-rest/process-instance/" + instanceId).statusCode()).isEqualTo(403);
        assertThat(auditor.delete("/engine-rest/history/process-instance/" + instanceId).statusCode()).isEqualTo(403);
        assertThat(opsLead.get("/engine-rest/process-instance/" + instanceId).statusCode()).isEqualTo(200);
    }

    @Test
    void whoeverReadsRunsVerifiesTheirEvidenceAndNoOneElseEvenKnowsTheRun() throws Exception {
        // given a run whose approval was journaled
        String instanceId = startAsOpsLead();
        assertThat(approver.postJson("/engine-rest/task/" + approvalTaskOf(instanceId) + "/complete", APPROVE).statusCode()).isEqualTo(204);
        String verify = "/api/runs/" + instanceId + "/evidence/verify";

        // then every role that reads runs has it verified
        for (Http reader : new Http[] {opsLead, approver, auditor, admin}) {
            HttpResponse<String> answer = reader.get(verify);
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode result = JSON.readTree(answer.body());
            assertThat(result.get("intact").asBoolean()).isTrue();
            assertThat(result.get("checked").asLong()).isGreaterThanOrEqualTo(1); // at least the approval
        }
        // and a user of no role finds no such run, an anonymous caller is asked to log in
        Users.ensure(identity, "nora");
        assertThat(Http.as(port, "nora", Users.PASSWORD).get(verify).statusCode()).isEqualTo(404);
        assertThat(Http.anonymous(port).get(verify).statusCode()).isEqualTo(401);
        // and nobody changes anything through it
        for (Http user : new Http[] {auditor, admin}) {
            assertThat(user.postJson(verify, "{}").statusCode()).isEqualTo(405);
            assertThat(user.delete(verify).statusCode()).isEqualTo(405);
        }
    }

    @Test
    void whoeverReadsRunsGetsTheirEvidencePackAndExportAndNoOneElseEvenKnowsTheRun() throws Exception {
        // given a run whose approval was journaled
        String instanceId = startAsOpsLead();
        assertThat(approver.postJson("/engine-rest/task/" + approvalTaskOf(instanceId) + "/complete", APPROVE).statusCode()).isEqualTo(204);
        String json = "/api/runs/" + instanceId + "/evidence.json";
        String html = "/api/runs/" + instanceId + "/evidence.html";
        String export = "/api/evidence/export";

        // then every role that reads runs gets its pack, as JSON and as a page, and finds it in the export
        for (Http reader : new Http[] {opsLead, approver, auditor, admin}) {
            HttpResponse<String> pack = reader.get(json);
            assertThat(pack.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(pack.body()).path("run").asText()).isEqualTo(instanceId);
            assertThat(JSON.readTree(pack.body()).path("decisions").get(0).path("by").asText()).isEqualTo("by alice");
            // a run still going: as far as it came
            assertThat(JSON.readTree(pack.body()).path("state").asText()).isEqualTo("ACTIVE");
            assertThat(JSON.readTree(pack.body()).path("endedAt").isNull()).isTrue();
            assertThat(JSON.readTree(pack.body()).at("/result/endEvent").isNull()).isTrue();
            assertThat(JSON.readTree(pack.body()).at("/verification/intact").asBoolean()).isTrue();
            HttpResponse<String> page = reader.get(html);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy).startsWith("default-src 'none'"));
            assertThat(page.body()).contains(instanceId).contains("access-check");
            assertThat(unzipNames(reader.getBytes(export).body())).contains(instanceId + ".json", instanceId + ".html", "runs.csv");
        }
        // and a user of no role finds no such run, not even in an export; an anonymous caller is asked to log in
        Users.ensure(identity, "nora");
        Http nora = Http.as(port, "nora", Users.PASSWORD);
        assertThat(nora.get(json).statusCode()).isEqualTo(404);
        assertThat(nora.get(html).statusCode()).isEqualTo(404);
        assertThat(nora.get(html).body()).doesNotContain("access-check");
        assertThat(unzipNames(nora.getBytes(export).body())).containsExactly("runs.csv");
        for (String route : new String[] {json, html, export}) {
            assertThat(Http.anonymous(port).get(route).statusCode()).isEqualTo(401);
        }
        // and nobody changes anything through them
        for (Http user : new Http[] {auditor, admin}) {
            for (String route : new String[] {json, html, export}) {
                assertThat(user.postJson(route, "{}").statusCode()).isEqualTo(403);
                assertThat(user.putJson(route, "{}").statusCode()).isEqualTo(403);
                assertThat(user.delete(route).statusCode()).isEqualTo(403);
            }
        }
    }

    private static List<String> unzipNames(byte[] zip) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    @Test
    void everyoneWhoReadsRunsFindsThemInTheAuditorViewAndAUserOfNoRoleFindsNone() throws Exception {
        // given a run whose approval was journaled
        String instanceId = startAsOpsLead();
        assertThat(approver.postJson("/engine-rest/task/" + approvalTaskOf(instanceId) + "/complete", APPROVE).statusCode()).isEqualTo(204);
        String page = "/audit/runs/" + instanceId;

        // then ops leads, approvers, auditors and administrators find it in the list and read its page
        for (Http reader : new Http[] {opsLead, approver, auditor, admin}) {
            assertThat(reader.get("/audit").body()).contains("href=\"" + page + "\"");
            HttpResponse<String> run = reader.get(page);
            assertThat(run.statusCode()).isEqualTo(200);
            assertThat(run.body()).contains(instanceId).contains("Intact: the journal's").contains("APPROVAL");
        }
        // and a user of no role sees no run at all, and that one is not there for her
        Users.ensure(identity, "nora");
        Http nora = Http.as(port, "nora", Users.PASSWORD);
        HttpResponse<String> list = nora.get("/audit");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("No runs match these filters.").doesNotContain("/audit/runs/");
        HttpResponse<String> hidden = nora.get(page);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain("access-check");
        String ghost = "00000000-0000-0000-0000-000000000000";
        HttpResponse<String> none = nora.get("/audit/runs/" + ghost);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(hidden.body().replace(instanceId, ghost)).isEqualTo(none.body()); // the same answer as for a run that does not exist
        // and an auditor changes nothing through the pages: every method but GET and HEAD is refused
        for (String path : List.of("/audit", page)) {
            assertThat(auditor.postJson(path, "{}").statusCode()).as("POST " + path).isEqualTo(403);
            assertThat(auditor.putJson(path, "{}").statusCode()).as("PUT " + path).isEqualTo(403);
            assertThat(auditor.delete(path).statusCode()).as("DELETE " + path).isEqualTo(403);
        }
        assertThat(auditor.get(page).body()).doesNotContain("method=\"post\"").doesNotContain("<button type=\"submit\">Approve");
    }

    @Test
    void anOpsLeadWhoIsAlsoAnApproverFindsNoRouteToChangeARunsEvidence() throws Exception {
        // given oscar, an ops lead who is also an approver, and a run whose approval (by another person) was journaled
        Users.ensure(identity, "oscar", Roles.OPS_LEADS, Roles.APPROVERS);
        Http oscar = Http.as(port, "oscar", Users.PASSWORD);
        String instanceId = startAsOpsLead();
        assertThat(approver.postJson("/engine-rest/task/" + approvalTaskOf(instanceId) + "/complete", APPROVE).statusCode()).isEqualTo(204);
        List<Entry> journal = evidence.entries(instanceId);
        assertThat(journal).isNotEmpty();
        String verify = "/api/runs/" + instanceId + "/evidence/verify";

        // when he tries to change it through the service: its evidence route, the run's variables, its history
        assertThat(oscar.postJson(verify, "{}").statusCode()).isEqualTo(405);
        assertThat(oscar.putJson(verify, "{}").statusCode()).isEqualTo(405);
        assertThat(oscar.delete(verify).statusCode()).isEqualTo(405);
        assertThat(oscar.delete("/engine-rest/history/process-instance/" + instanceId).statusCode()).isEqualTo(403);
        assertThat(oscar.postJson("/engine-rest/history/process-instance/delete", "{\"processInstanceIds\":[\"" + instanceId + "\"],"
                + "\"deleteReason\":\"tidy\"}").statusCode()).isBetween(400, 403); // no batch deletion of history for him

        // then the journal is as it was and still verifies
        assertThat(evidence.entries(instanceId)).isEqualTo(journal);
        assertThat(JSON.readTree(oscar.get(verify).body()).get("intact").asBoolean()).isTrue();

        // and even an administrator who deletes the run and its history leaves its journal, which still verifies
        admin.delete("/engine-rest/process-instance/" + instanceId);
        assertThat(admin.delete("/engine-rest/history/process-instance/" + instanceId).statusCode()).isEqualTo(204);
        assertThat(evidence.entries(instanceId)).startsWith(journal.toArray(Entry[]::new));
        assertThat(verifier.run(instanceId).intact()).isTrue();
    }

    @Test
    void onlyAnAdministratorDeletesHistory() throws Exception {
        // given a finished run
        String instanceId = startAsOpsLead();
        assertThat(approver.postJson("/engine-rest/task/" + approvalTaskOf(instanceId) + "/complete", APPROVE).statusCode()).isEqualTo(204);
        admin.delete("/engine-rest/process-instance/" + instanceId);

        // then no role but the administrators may delete its history
        for (Http user : new Http[] {opsLead, approver, auditor}) {
            assertThat(user.delete("/engine-rest/history/process-instance/" + instanceId).statusCode()).isEqualTo(403);
        }
        assertThat(admin.delete("/engine-rest/history/process-instance/" + instanceId).statusCode()).isEqualTo(204);
    }

    @Test
    void approverAndOpsLeadCannotDeleteRuns() throws Exception {
        String instanceId = startAsOpsLead();
        assertThat(approver.delete("/engine-rest/process-instance/" + instanceId).statusCode()).isEqualTo(403);
        // an ops lead may cancel a run of their team
        assertThat(opsLead.delete("/engine-rest/process-instance/" + instanceId).statusCode()).isEqualTo(204);
    }

    @Test
    void rolesAreGroupsAndThereIsNoDemoUser() throws Exception {
        JsonNode groups = JSON.readTree(admin.get("/engine-rest/group").body());
        assertThat(groups.findValuesAsText("id")).contains("ops-leads", "approvers", "auditors", "dayshift-admins");
        assertThat(JSON.readTree(admin.get("/engine-rest/user/count?id=demo").body()).get("count").asInt()).isZero();
        assertThat(JSON.readTree(admin.get("/engine-rest/user?memberOfGroup=dayshift-admins").body()).findValuesAsText("id"))
                .containsExactly("admin");
    }

    private String startAsOpsLead() throws Exception {
        HttpResponse<String> started = opsLead.postJson(START, "{}");
        assertThat(started.statusCode()).isEqualTo(200);
        return JSON.readTree(started.body()).get("id").asText();
    }

    private String approvalTaskOf(String instanceId) {
        return tasks.createTaskQuery().processInstanceId(instanceId).singleResult().getId();
    }

    @Test
    void noOneStartsAPartOfARunbookOnItsOwn() throws Exception {
        // given the parts of runbooks, which act only within the run that calls them (an upgrade's batch acts only after
        // the upgrade's approval)
        for (String part : List.of("rolling-upgrade-batch", "rolling-upgrade-step", "rolling-upgrade-rollback", "smoke-test-instance", "await-operation")) {
            for (Http user : List.of(opsLead, admin)) {
                // when an ops lead, or even an administrator, starts one over REST
                HttpResponse<String> started = user.postJson("/engine-rest/process-definition/key/" + part + "/start",
                        "{\"variables\":{\"site\":{\"value\":\"lab\"}}}");

                // then it is refused, saying why, and nothing runs
                assertThat(started.statusCode()).as(part).isEqualTo(403);
                assertThat(started.body()).contains("may not start '" + part + "' on its own").contains("start the runbook instead");
            }
        }
        assertThat(admin.get("/engine-rest/process-instance/count?processDefinitionKey=rolling-upgrade-batch").body()).contains("\"count\":0");
    }
    @Test
    void theNightlyProcessesAreNotOfferedToStartAndStartOnlyOnTheirTimers() throws Exception {
        // given what Tasklist offers an ops lead to start
        String offered = opsLead.get("/engine-rest/process-definition?startableInTasklist=true&latestVersion=true").body();

        // then the runbooks are there, the nightly processes that run them for every site are not
        assertThat(offered).contains("\"key\":\"backup-site\"", "\"key\":\"site-health-check\"", "\"key\":\"drain-compute-node\"")
                .doesNotContain("\"key\":\"daily-backup\"", "\"key\":\"daily-health-check\"");
        for (String nightly : List.of("daily-backup", "daily-health-check")) {
            for (Http user : List.of(opsLead, admin)) {
                // and started by hand over REST, even by an administrator, one is refused, saying what to start instead
                HttpResponse<String> started = user.postJson("/engine-rest/process-definition/key/" + nightly + "/start", "{}");
                assertThat(started.statusCode()).as(nightly).isEqualTo(403);
                assertThat(started.body()).contains("may not start '" + nightly + "' by hand: it starts on its timer")
                        .contains("start the runbook it runs, for one site, instead");
            }
            assertThat(admin.get("/engine-rest/process-instance/count?processDefinitionKey=" + nightly).body()).contains("\"count\":0");
        }
    }

    @Test
    void anOpsLeadWhoIsAlsoAnApproverFindsNoOtherRouteToStartAPartOnItsOwn() throws Exception {
        // given an ops lead who is also an approver, and an upgrade batch's definition
        Users.ensure(identity, "oscar", Roles.OPS_LEADS, Roles.APPROVERS);
        Http oscar = Http.as(port, "oscar", Users.PASSWORD);
        String batch = repository.createProcessDefinitionQuery().processDefinitionKey("rolling-upgrade-batch").latestVersion().singleResult().getId();
        String site = "{\"site\":{\"value\":\"lab\"}}";

        // when oscar tries every route that starts an instance: by id, as Tasklist submits a start form, at an activity
        // of his choice skipping listeners and mappings (as Cockpit's modification does), and as a restart of an earlier one
        String earlier = runtime.startProcessInstanceByKey("await-operation", java.util.Map.of("site", "lab")).getId();
        runtime.deleteProcessInstance(earlier, "an earlier part, for the restart", true);
        String await = repository.createProcessDefinitionQuery().processDefinitionKey("await-operation").latestVersion().singleResult().getId();
        List<HttpResponse<String>> tries = List.of(
                oscar.postJson("/engine-rest/process-definition/" + batch + "/start", "{\"variables\":" + site + "}"),
                oscar.postJson("/engine-rest/process-definition/key/rolling-upgrade-batch/submit-form", "{\"variables\":" + site + "}"),
                oscar.postJson("/engine-rest/process-definition/key/rolling-upgrade-batch/start", "{\"variables\":" + site
                        + ",\"skipCustomListeners\":true,\"skipIoMappings\":true,"
                        + "\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_StartBatchUpgrade\"}]}"),
                oscar.postJson("/engine-rest/process-definition/" + await + "/restart", "{\"processInstanceIds\":[\"" + earlier + "\"],"
                        + "\"skipCustomListeners\":true,\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_DecideOperation\"}]}"));

        // then each is refused, and no part runs
        for (HttpResponse<String> refused : tries) {
            assertThat(refused.statusCode()).as(refused.uri().getPath() + ": " + refused.body()).isEqualTo(403);
        }
        assertThat(tries.subList(0, 3)).allSatisfy(r -> assertThat(r.body()).contains("may not start 'rolling-upgrade-batch' on its own"));
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("rolling-upgrade-batch").count()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("await-operation").count()).isZero();
    }
}
