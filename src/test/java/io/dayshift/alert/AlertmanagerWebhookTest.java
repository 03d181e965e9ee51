package io.dayshift.alert;

import static io.dayshift.alert.WebhookBodies.alert;
import static io.dayshift.alert.WebhookBodies.notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.testing.Http;
import io.dayshift.testing.ServiceTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Alertmanager's webhook against the whole service: who may call it, what starts, and what starts only once. */
@ServiceTest
class AlertmanagerWebhookTest {

    private static final String TOKEN = "alert-intake-test-token-3f9c";
    private static final String PATH = AlertmanagerWebhook.PATH;
    private static final String PROCESS = "alert-test-incident";
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("dayshift.alerts.token", () -> TOKEN);
        registry.add("dayshift.alerts.rules[0].alertnames", () -> "HypervisorDown,CephHealthError,APIResponseTimeSlow");
        registry.add("dayshift.alerts.rules[0].severity", () -> "critical");
        registry.add("dayshift.alerts.rules[0].process", () -> PROCESS);
        registry.add("dayshift.alerts.rules[0].site-label", () -> "site");
        String east = "dayshift.sites.east.";
        registry.add(east + "flavour", () -> "kolla");
        registry.add(east + "openstack.cloud", () -> "east");
        registry.add(east + "openstack.clouds-file", () -> "clouds.yaml");
        registry.add(east + "kolla.host-group", () -> "deployer");
        registry.add(east + "kolla.inventory", () -> "/etc/kolla/multinode");
        registry.add(east + "kolla.globals", () -> "/etc/kolla/globals.yml");
        registry.add(east + "ssh.deployer.hosts[0]", () -> "deploy01.example.org");
        registry.add(east + "ssh.deployer.user", () -> "dayshift");
        registry.add(east + "ssh.deployer.private-key", () -> "id_ed25519");
        registry.add(east + "ssh.deployer.known-hosts", () -> "known_hosts");
    }

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void withoutOrWithAWrongTokenNothingStarts() {
        String body = notification("firing", alert("firing", "a0000000000000a1", "HypervisorDown", "critical", "east"));

        HttpResponse<String> anonymous = Http.anonymous(port).postJson(PATH, body);
        HttpResponse<String> wrong = Http.bearer(port, TOKEN + "x").postJson(PATH, body);
        HttpResponse<String> basic = Http.as(port, "admin", "test-admin-password").postJson(PATH, body);

        for (HttpResponse<String> refused : List.of(anonymous, wrong, basic)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
            assertThat(refused.body()).doesNotContain(TOKEN);
        }
        assertThat(instancesOf("a0000000000000a1")).isZero();
    }

    @Test
    void malformedPayloadsAre400WithTheProblemNamedAndStartNothing() throws Exception {
        Http alertmanager = Http.bearer(port, TOKEN);

        HttpResponse<String> notJson = alertmanager.postJson(PATH, "{\"version\": \"4\", \"alerts\": [");
        HttpResponse<String> noFingerprint = alertmanager.postJson(PATH, notification("firing",
                alert("firing", "a0000000000000b1", "HypervisorDown", "critical", "east").replace("\"fingerprint\":", "\"fingerprintOfAnother\":")));
        HttpResponse<String> badTime = alertmanager.postJson(PATH, notification("firing",
                alert("firing", "a0000000000000b2", "HypervisorDown", "critical", "east").replace("2026-11-21T09:59:30.123Z", "yesterday")));
        HttpResponse<String> oldVersion = alertmanager.postJson(PATH, notification("firing",
                alert("firing", "a0000000000000b3", "HypervisorDown", "critical", "east")).replace("\"version\": \"4\"", "\"version\": \"3\""));

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(problems(notJson)).singleElement().asString().startsWith("the body is not JSON");
        assertThat(noFingerprint.statusCode()).isEqualTo(400);
        assertThat(problems(noFingerprint)).containsExactly("alerts[0].fingerprint: missing");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(problems(badTime)).containsExactly("alerts[0].startsAt: 'yesterday' is not an RFC 3339 time");
        assertThat(oldVersion.statusCode()).isEqualTo(400);
        assertThat(problems(oldVersion)).containsExactly("version: '3' is not supported, only \"4\"");
        for (String fingerprint : List.of("a0000000000000b1", "a0000000000000b2", "a0000000000000b3")) {
            assertThat(instancesOf(fingerprint)).isZero();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dayshift_alert_intake WHERE dedupe_key LIKE 'alert:a0000000000000b%'",
                Long.class)).isZero();
    }

    @Test
    void aFiringAlertStartsOneRunWithTheAlertsVariables() throws Exception {
        // given a firing alert of a rule, for a configured site
        String body = notification("firing", alert("firing", "a0000000000000c1", "HypervisorDown", "critical", "east"));

        // when Alertmanager delivers it
        HttpResponse<String> response = Http.bearer(port, TOKEN).postJson(PATH, body);

        // then one run of the rule's process starts, the occurrence in its alertKey, and waits at its first async step
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(response.body()).get("outcomes").get(0);
        assertThat(outcome.get("result").asText()).isEqualTo("STARTED");
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .variableValueEquals("alertKey", "alert:a0000000000000c1:2026-11-21T09:59:30.123Z").singleResult();
        assertThat(instance).isNotNull();
        assertThat(outcome.get("processInstanceId").asText()).isEqualTo(instance.getId());
        assertThat(runtime.getActiveActivityIds(instance.getId())).containsExactly("StartEvent_AlertReceived");
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
        Map<String, Object> variables = runtime.getVariables(instance.getId());
        assertThat(variables).containsOnlyKeys("site", "summary", "alertname", "severity", "fingerprint", "startsAt", "labels", "alertKey");
        assertThat(instance.getBusinessKey()).as("the run's name (a process without a rule: its name and day), not the occurrence")
                .startsWith("Alert test incident (test) 20").doesNotContain("alert:");
        assertThat(variables).containsEntry("alertKey", "alert:a0000000000000c1:2026-11-21T09:59:30.123Z")
                .containsEntry("site", "east")
                .containsEntry("summary", "Hypervisor compute-07 is down")
                .containsEntry("alertname", "HypervisorDown")
                .containsEntry("severity", "critical")
                .containsEntry("fingerprint", "a0000000000000c1")
                .containsEntry("startsAt", "2026-11-21T09:59:30.123Z");
        assertThat(JSON.readTree((String) variables.get("labels")).get("instance").asText()).isEqualTo("compute-07");
    }

    @Test
    void theSameAlertDeliveredTwiceStartsOneRun() throws Exception {
        String body = notification("firing", alert("firing", "a0000000000000d1", "CephHealthError", "critical", "east"));

        HttpResponse<String> first = Http.bearer(port, TOKEN).postJson(PATH, body);
        HttpResponse<String> again = Http.bearer(port, TOKEN).postJson(PATH, body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode started = JSON.readTree(first.body()).get("outcomes").get(0);
        JsonNode joined = JSON.readTree(again.body()).get("outcomes").get(0);
        assertThat(started.get("result").asText()).isEqualTo("STARTED");
        assertThat(joined.get("result").asText()).isEqualTo("JOINED");
        assertThat(joined.get("processInstanceId").asText()).isEqualTo(started.get("processInstanceId").asText());
        assertThat(instancesOf("a0000000000000d1")).isEqualTo(1);
    }

    @Test
    void parallelDeliveriesOfTheSameAlertStartOneRun() throws Exception {
        String body = notification("firing", alert("firing", "a0000000000000e1", "APIResponseTimeSlow", "critical", "east"));
        int deliveries = 8;
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        CountDownLatch ready = new CountDownLatch(deliveries);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                responses.add(pool.submit(() -> {
                    Http alertmanager = Http.bearer(port, TOKEN);
                    ready.countDown();
                    go.await();
                    return alertmanager.postJson(PATH, body);
                }));
            }
            ready.await(10, TimeUnit.SECONDS);
            go.countDown();
            List<String> results = new ArrayList<>();
            List<String> instanceIds = new ArrayList<>();
            for (Future<HttpResponse<String>> future : responses) {
                HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode outcome = JSON.readTree(response.body()).get("outcomes").get(0);
                results.add(outcome.get("result").asText());
                instanceIds.add(outcome.get("processInstanceId").asText());
            }
            assertThat(results).containsOnlyOnce("STARTED").hasSize(deliveries);
            assertThat(results.stream().filter("JOINED"::equals)).hasSize(deliveries - 1);
            assertThat(instanceIds).containsOnly(instanceIds.get(0));
            assertThat(instancesOf("a0000000000000e1")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aResolvedNotificationReachesTheWaitingRun() throws Exception {
        Http alertmanager = Http.bearer(port, TOKEN);
        alertmanager.postJson(PATH, notification("firing", alert("firing", "a0000000000000f1", "HypervisorDown", "critical", "east")));
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .variableValueEquals("alertKey", "alert:a0000000000000f1:2026-11-21T09:59:30.123Z").singleResult();

        // resolved before the run waits for it: noted, 200, the run carries on
        HttpResponse<String> early = alertmanager.postJson(PATH,
                notification("resolved", alert("resolved", "a0000000000000f1", "HypervisorDown", "critical", "east")));
        assertThat(early.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(early.body()).get("outcomes").get(0).get("result").asText()).isEqualTo("RECORDED");

        // the run passes its start and waits for the message
        Job start = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
        management.executeJob(start.getId());
        assertThat(runtime.getActiveActivityIds(instance.getId())).containsExactly("Event_AlertResolved");

        HttpResponse<String> resolved = alertmanager.postJson(PATH,
                notification("resolved", alert("resolved", "a0000000000000f1", "HypervisorDown", "critical", "east")));

        assertThat(resolved.statusCode()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(resolved.body()).get("outcomes").get(0);
        assertThat(outcome.get("result").asText()).isEqualTo("RESOLVED");
        assertThat(outcome.get("processInstanceId").asText()).isEqualTo(instance.getId());
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getEndActivityId())
                .isEqualTo("EndEvent_IncidentClosed");
    }

    @Test
    void anAlertForAnUnknownSiteIsIgnoredWithItsReason() throws Exception {
        HttpResponse<String> response = Http.bearer(port, TOKEN).postJson(PATH,
                notification("firing", alert("firing", "a0000000000000a2", "HypervisorDown", "critical", "west")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(response.body()).get("outcomes").get(0);
        assertThat(outcome.get("result").asText()).isEqualTo("IGNORED");
        assertThat(outcome.get("reason").asText()).isEqualTo("site \"west\" (label 'site') is not configured under dayshift.sites");
        assertThat(instancesOf("a0000000000000a2")).isZero();
    }

    @Test
    void anAlertMatchingNoRuleStartsNothing() throws Exception {
        // a name no rule takes, and a rule's name with another severity, in one notification
        HttpResponse<String> response = Http.bearer(port, TOKEN).postJson(PATH, notification("firing",
                alert("firing", "a0000000000000a3", "DiskFillingUp", "critical", "east"),
                alert("firing", "a0000000000000a4", "HypervisorDown", "warning", "east")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode outcomes = JSON.readTree(response.body()).get("outcomes");
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.get("result").asText()).isEqualTo("IGNORED"));
        assertThat(outcomes.get(0).get("reason").asText()).contains("no rule", "\"DiskFillingUp\"");
        assertThat(outcomes.get(1).get("reason").asText()).contains("no rule", "\"HypervisorDown\"", "\"warning\"");
        assertThat(instancesOf("a0000000000000a3")).isZero();
        assertThat(instancesOf("a0000000000000a4")).isZero();
    }

    private long instancesOf(String fingerprint) {
        return history.createHistoricProcessInstanceQuery().variableValueLike("alertKey", "alert:" + fingerprint + ":%").count();
    }

    private static List<String> problems(HttpResponse<String> response) throws Exception {
        List<String> problems = new ArrayList<>();
        JSON.readTree(response.body()).get("problems").forEach(problem -> problems.add(problem.asText()));
        return problems;
    }
}
