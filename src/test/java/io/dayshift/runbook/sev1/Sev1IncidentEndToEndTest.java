package io.dayshift.runbook.sev1;

import static io.dayshift.testing.EngineRest.claimAndComplete;
import static io.dayshift.testing.EngineRest.historicVariable;
import static io.dayshift.testing.EngineRest.newUser;
import static io.dayshift.testing.EngineRest.stepIds;
import static io.dayshift.testing.EngineRest.waitUntilCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.lab.model.Instance;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.smoke.SmokeTestInstance;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service with the built-in lab and the job executor running, driven only over HTTP as in the README's demo: the
 * administrator takes cn03 of the Kolla lab down (a fault), Alertmanager posts HypervisorDown (twice: one incident), an ops
 * lead updates the status page and chooses the evacuation, an approver approves it, the run evacuates cn03, Alertmanager
 * reports the alert resolved, the run verifies the site and the ops lead writes the post-mortem. On the charmed lab an ops
 * lead opens an incident from Tasklist's REST API and closes it after a verification. Lab operations take a hundredth of
 * their time and the runs look every second. The wall times are logged, never asserted.
 */
@RunbookEndToEndTest(timeFactor = "0.01")
class Sev1IncidentEndToEndTest extends EndToEndFixture {

    private static final Logger LOG = LoggerFactory.getLogger(Sev1IncidentEndToEndTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "e2e-alertmanager-token-0c41";
    private static final Duration RUN_TIME_LIMIT = Duration.ofSeconds(180);

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("dayshift.runbooks.sev1-incident.check-interval", () -> "PT1S");
        registry.add("dayshift.alerts.token", () -> TOKEN);
        registry.add("dayshift.alerts.rules[0].alertnames", () -> "HypervisorDown,CephHealthError,APIResponseTimeSlow");
        registry.add("dayshift.alerts.rules[0].severity", () -> "critical");
        registry.add("dayshift.alerts.rules[0].process", () -> Sev1Incident.PROCESS_KEY);
    }

    @Test
    void anAlertOnTheKollaLabOpensOneIncidentThatEvacuatesTheDownHypervisor() throws Exception {
        // given an ops lead, another ops lead and an approver, and cn03 taken down by the administrator
        Http admin = admin();
        Http olga = newUser(admin, port, "olga", "ops-leads");
        Http olivia = newUser(admin, port, "olivia", "ops-leads");
        Http alice = newUser(admin, port, "alice", "approvers");
        assertThat(admin.postJson("/api/lab/sites/lab/faults", "{\"type\":\"hypervisor-down\",\"target\":\"cn03\"}").statusCode()).isEqualTo(201);
        List<String> onCn03 = lab.require("lab").nova().instancesOn("cn03").stream().map(Instance::id).toList();
        Instant began = Instant.now();

        // when Alertmanager posts HypervisorDown for the lab, and posts it again
        Http alertmanager = Http.bearer(port, TOKEN);
        HttpResponse<String> first = alertmanager.postJson("/api/alerts/alertmanager", body("firing"));
        HttpResponse<String> again = alertmanager.postJson("/api/alerts/alertmanager", body("firing"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String id = JSON.readTree(first.body()).path("outcomes").get(0).path("processInstanceId").asText();
        assertThat(JSON.readTree(again.body()).path("outcomes").get(0).path("result").asText()).isEqualTo("JOINED");
        assertThat(JSON.readTree(again.body()).path("outcomes").get(0).path("processInstanceId").asText()).isEqualTo(id);
        assertThat(JSON.readTree(olga.get("/engine-rest/process-instance/count?processDefinitionKey=sev1-incident").body()).path("count").asInt())
                .isEqualTo(1);

        // and olga updates the status page, olivia chooses the evacuation of cn03 and alice approves it
        claimAndComplete(olga, "olga", task(olga, id, Sev1Incident.Elements.UPDATE_STATUS_PAGE), "{\"statusPageNote\":{\"value\":\"Investigating cn03\"}}");
        JsonNode choice = task(olivia, id, Sev1Incident.Elements.CHOOSE_MITIGATION);
        assertThat(formVariable(olivia, choice, "mitigationChoices")).contains("evacuate-host cn03");
        TaskForms.Loaded choiceForm = TaskForms.check(olivia, choice.path("id").asText());
        assertThat(choiceForm.value("mitigationTargets").findValuesAsText("value")).contains("cn03").doesNotContain("cn01", "");
        assertThat(choiceForm.value("mitigationTargets").toString()).contains("cn03 — evacuate-host");
        // and a target the list does not offer, sent as Tasklist would, is refused in words
        assertThat(olivia.postJson("/engine-rest/task/" + choice.path("id").asText() + "/claim", "{\"userId\":\"olivia\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> forged = olivia.postJson("/engine-rest/task/" + choice.path("id").asText() + "/submit-form",
                TaskForms.submission(choiceForm, Map.of("action", "evacuate-host", "target", "cn01", "note", "why not")));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
        assertThat(forged.body()).contains("Action and target").contains("evacuate-host cn01").contains("is not one of the mitigations");
        claimAndComplete(olivia, "olivia", choice, "{\"action\":{\"value\":\"evacuate-host\"},\"target\":{\"value\":\"cn03\"},\"note\":{\"value\":\"cn03 dead\"}}");
        JsonNode approval = task(alice, id, Sev1Incident.Elements.APPROVE_MITIGATION);
        assertThat(formVariable(alice, approval, "mitigationPlan")).contains("Evacuate cn03 on site lab");
        TaskForms.Loaded approvalForm = TaskForms.check(alice, approval.path("id").asText());
        assertThat(approvalForm.rows("Table_Evacuation")).hasSize(onCn03.size()).allSatisfy(row -> {
            assertThat(row.path("from").asText()).isEqualTo("cn03");
            assertThat(row.path("localData").asText()).matches("kept: no local disk \\(volume-backed\\)|AT RISK: \\d+ GiB local disk is rebuilt from its image, its data LOST, .*");
        });
        assertThat(onCn03).allSatisfy(server -> assertThat(approvalForm.rows("Table_Evacuation").toString()).contains("(" + server + ")"));
        assertThat(approvalForm.rows("Table_Steps").toString()).contains("force its nova-compute down");
        claimAndComplete(alice, "alice", approval, "{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"fenced by IPMI\"}}");

        // then the run evacuates cn03 and verifies the site; Alertmanager's resolved is recorded on the way
        JsonNode postMortem = task(olga, id, Sev1Incident.Elements.WRITE_POST_MORTEM);
        Duration toResolution = Duration.between(began, Instant.now());
        HttpResponse<String> resolved = alertmanager.postJson("/api/alerts/alertmanager", body("resolved"));
        assertThat(JSON.readTree(resolved.body()).path("outcomes").get(0).path("result").asText()).isEqualTo("RESOLVED");
        assertThat(lab.require("lab").nova().instancesOn("cn03")).isEmpty();
        assertThat(lab.require("lab").nova().instances().stream().filter(i -> onCn03.contains(i.id())))
                .allSatisfy(i -> assertThat(i.host()).isNotEqualTo("cn03"));
        waitUntil(olga, id, "incident", Sev1IncidentEndToEndTest::alertResolvedRecorded);

        // and olga's post-mortem form shows the incident's timeline: the alert, the status page, the choice, the approval, the actions
        TaskForms.Loaded postMortemForm = TaskForms.check(olga, postMortem.path("id").asText());
        List<String> timeline = new java.util.ArrayList<>();
        postMortemForm.rows("Table_Timeline").forEach(row -> timeline.add(row.path("what").asText() + " | " + row.path("who").asText() + " | "
                + row.path("detail").asText()));
        assertThat(timeline).first().asString().startsWith("incident opened from alert HypervisorDown");
        assertThat(timeline).anySatisfy(e -> assertThat(e).contains("status page updated: Investigating cn03 (by olga)"))
                .anySatisfy(e -> assertThat(e).startsWith("operator decision: evacuate-host | cn03 |"))
                .anySatisfy(e -> assertThat(e).isEqualTo("Approve mitigation: approved | alice | fenced by IPMI"))
                .anySatisfy(e -> assertThat(e).startsWith("PUT /os-services/").contains("| cn03 | forced down"))
                .anySatisfy(e -> assertThat(e).startsWith("mitigation started"));
        assertThat(postMortemForm.rows("Table_Timeline").get(0).path("at").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");

        // and when olga writes the post-mortem the incident closes with its summary
        claimAndComplete(olga, "olga", postMortem, "{\"rootCause\":{\"value\":\"PSU failure\"},\"followUps\":{\"value\":\"replace PSU, return-compute-node cn03\"}}");
        assertThat(waitUntilCompleted(olga, id, RUN_TIME_LIMIT).path("state").asText()).isEqualTo("COMPLETED");
        String summary = variable(olga, id, "summary");
        assertThat(summary).contains("Sev-1 on lab \"Hypervisor cn03 is down\"").contains("RTO of 60 min met")
                .contains("evacuate-host cn03 chosen by olivia, approved by alice: host cn03 fenced; " + onCn03.size() + " instance(s) evacuated, 0 not");
        assertThat(stepIds(olga, id)).containsSubsequence(Sev1Incident.Elements.VALIDATE_INPUT, Sev1Incident.Elements.SCOPE_INCIDENT, Sev1Incident.Elements.NOTIFY_INCIDENT,
                Sev1Incident.Elements.LIST_DOWN_HYPERVISORS, Sev1Incident.Elements.COLLECT_CONTAINER_EVIDENCE, Sev1Incident.Elements.COLLECT_CEPH_STATUS,
                Sev1Incident.Elements.FENCE_HOST, Sev1Incident.Elements.START_EVACUATIONS, AwaitOperation.CHECK, Sev1Incident.Elements.RECORD_EVACUATIONS,
                SmokeTestInstance.BOOT, SmokeTestInstance.DELETE, Sev1Incident.Elements.SUMMARISE_INCIDENT);
        LOG.info("e2e kolla: alert to verified resolution in {} ms ({} instances evacuated, people's steps included); summary: {}",
                toResolution.toMillis(), onCn03.size(), summary);
    }

    @Test
    void anIncidentOpenedFromTasklistOnTheCharmedLabClosesAfterVerification() throws Exception {
        Http admin = admin();
        Http oscar = newUser(admin, port, "oscar", "ops-leads");
        Instant began = Instant.now();

        // when oscar opens a Sev-1 on the charmed lab, updates the status page and, seeing nothing to act on, verifies again
        HttpResponse<String> started = oscar.postJson("/engine-rest/process-definition/key/sev1-incident/start", """
                {"variables": {"site": {"value": "lab-charmed"}, "summary": {"value": "Horizon unreachable for some users"}}}""");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("id").asText();
        claimAndComplete(oscar, "oscar", task(oscar, id, Sev1Incident.Elements.UPDATE_STATUS_PAGE), "{\"statusPageNote\":{\"value\":\"Investigating\"}}");
        JsonNode choice = task(oscar, id, Sev1Incident.Elements.CHOOSE_MITIGATION);
        assertThat(formVariable(oscar, choice, "evidence")).contains("== Juju units (juju status").contains("== Ceph (ceph -s)");
        claimAndComplete(oscar, "oscar", choice, "{\"action\":{\"value\":\"no-action\"},\"target\":{\"value\":\"\"},\"note\":{\"value\":\"a client-side DNS issue\"}}");

        // then the site is verified and the post-mortem closes it
        claimAndComplete(oscar, "oscar", task(oscar, id, Sev1Incident.Elements.WRITE_POST_MORTEM),
                "{\"rootCause\":{\"value\":\"resolver outage at the customer\"},\"followUps\":{\"value\":\"none\"}}");
        assertThat(waitUntilCompleted(oscar, id, RUN_TIME_LIMIT).path("state").asText()).isEqualTo("COMPLETED");
        assertThat(variable(oscar, id, "summary")).contains("Sev-1 on lab-charmed").contains("Mitigations: none")
                .contains("RTO of 60 min met");
        assertThat(stepIds(oscar, id)).contains(Sev1Incident.Elements.COLLECT_UNIT_EVIDENCE).doesNotContain(Sev1Incident.Elements.COLLECT_CONTAINER_EVIDENCE);
        LOG.info("e2e charmed: opened to closed in {} ms, people's steps included", Duration.between(began, Instant.now()).toMillis());
    }

    private static boolean alertResolvedRecorded(String incident) {
        try {
            JsonNode at = JSON.readTree(incident).path("alertResolvedAt");
            return !at.isMissingNode() && !at.isNull();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("incident is not JSON: " + incident, e);
        }
    }

    private static String body(String status) {
        return Sev1IncidentProcessTest.notification(status, Sev1IncidentProcessTest.alert(status, "9c0ffee15bad", "HypervisorDown", "critical"));
    }

    private static JsonNode task(Http user, String id, String definitionKey) throws Exception {
        Instant limit = Instant.now().plus(RUN_TIME_LIMIT);
        while (Instant.now().isBefore(limit)) {
            JsonNode found = JSON.readTree(user.get("/engine-rest/task?processInstanceId=" + id + "&taskDefinitionKey=" + definitionKey).body());
            if (found.size() == 1) {
                return found.get(0);
            }
            JsonNode incidents = JSON.readTree(user.get("/engine-rest/incident?processInstanceId=" + id).body());
            assertThat(incidents).as("incidents of run %s", id).isEmpty();
            Thread.sleep(250);
        }
        throw new AssertionError("no task " + definitionKey + " for run " + id + " within " + RUN_TIME_LIMIT);
    }

    private static String formVariable(Http user, JsonNode task, String name) throws Exception {
        return JSON.readTree(user.get("/engine-rest/task/" + task.path("id").asText() + "/form-variables?variableNames=" + name).body())
                .path(name).path("value").asText();
    }

    private static void waitUntil(Http user, String id, String name, java.util.function.Predicate<String> holds) throws Exception {
        Instant limit = Instant.now().plus(RUN_TIME_LIMIT);
        while (!holds.test(variable(user, id, name))) {
            assertThat(Instant.now()).as("%s of run %s", name, id).isBefore(limit);
            Thread.sleep(250);
        }
    }

    private static String variable(Http user, String id, String name) {
        return historicVariable(user, id, name).path("value").asText();
    }
}
