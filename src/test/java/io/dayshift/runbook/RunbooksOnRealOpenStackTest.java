package io.dayshift.runbook;

import static io.dayshift.testing.EngineRest.claimAndComplete;
import static io.dayshift.testing.EngineRest.historicVariable;
import static io.dayshift.testing.EngineRest.newUser;
import static io.dayshift.testing.EngineRest.stepIds;
import static io.dayshift.testing.EngineRest.waitUntilCompleted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.DayshiftApplication;
import io.dayshift.runbook.drain.DrainComputeNode;
import io.dayshift.runbook.drain.ReturnComputeNode;
import io.dayshift.runbook.sev1.Sev1Incident;
import io.dayshift.testing.Http;
import io.dayshift.testing.LabEnv;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.RealNova;
import io.dayshift.testing.RealOpenStackLab;
import io.dayshift.testing.RunningLabProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The runbooks end to end against the real OpenStack lab on loopback ({@code ../shared/openstack-lab}: real Keystone, Nova,
 * Neutron, Placement; three fake hypervisors cn01..cn03), not against an adapter or the built-in lab. The service starts
 * with its lab off and one Kolla site, {@code openstack-lab}, configured as an operator would: its MAAS, SSH host groups and
 * deployer are those the lab process serves (its written settings, imported with {@code spring.config.import}), its
 * OpenStack is the real lab's {@code clouds.yaml} (the lab's {@code OS_*} settings as a clouds.yaml entry). Drain and
 * return touch only OpenStack; the Sev-1 also collects evidence over SSH, which the lab process answers.
 *
 * <p>Servers are booted on cn01 through the real API first; every outcome is checked through the real API ({@link RealNova}),
 * never through the service's own adapter. Runs only under {@code -Popenstack-lab} and only when the lab answers; otherwise
 * every test is skipped with a message saying how to start it. The tests run in order (the return needs the drained host);
 * the Sev-1 stops cn02's nova-compute with the lab's script and starts it again (and lifts the fence) afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunbooksOnRealOpenStackTest {

    private static final String SITE = "openstack-lab";
    private static final String HOST = "cn01";
    private static final String FAILED_HOST = "cn02";
    private static final Logger LOG = LoggerFactory.getLogger(RunbooksOnRealOpenStackTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOOT_LIMIT = Duration.ofMinutes(2);
    private static final Duration RUN_TIME_LIMIT = Duration.ofMinutes(5);

    private static String unavailable;
    private static Path directory;
    private static RealNova nova;
    private static RunningLabProcess lab;
    private static ConfigurableApplicationContext service;
    private static int port;
    private static final List<String> booted = new ArrayList<>();
    private static boolean computeStopped;

    @BeforeAll
    static void startTheServiceOnTheRealLab() throws Exception {
        unavailable = RealOpenStackLab.whyUnavailable();
        if (unavailable != null) {
            return;
        }
        Map<String, String> env = RealOpenStackLab.environment();
        nova = RealNova.signIn(env);
        directory = LabTests.tempDirectory("real-openstack-");
        Path clouds = directory.resolve("clouds.yaml");
        Files.writeString(clouds, LabEnv.cloudsYaml(SITE, env));
        Path labDirectory = Files.createDirectories(directory.resolve("lab"));
        lab = RunningLabProcess.start(labDirectory, SITE + "=lab/small-kolla.yaml", "--dayshift.lab.time-factor=0");
        service = new SpringApplicationBuilder(DayshiftApplication.class).profiles("test").run(
                "--server.port=0",
                "--dayshift.lab.enabled=false",
                // the site's MAAS, SSH and deployer: as the lab process wrote them, imported the production way
                "--spring.config.import=file:" + lab.settings(SITE),
                // its OpenStack: the real lab's clouds.yaml, as an operator points a site at its cloud
                "--dayshift.sites." + SITE + ".simulated=false",
                "--dayshift.sites." + SITE + ".openstack.cloud=" + SITE,
                "--dayshift.sites." + SITE + ".openstack.clouds-file=" + clouds,
                "--dayshift.runbooks.drain-compute-node.check-interval=PT2S",
                "--dayshift.runbooks.drain-compute-node.migration-deadline=PT5M",
                "--dayshift.runbooks.sev1-incident.check-interval=PT2S",
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=1000");
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    @BeforeEach
    void assumeLab() {
        assumeTrue(unavailable == null, unavailable);
    }

    /** Leaves the lab as it was: the servers this class booted deleted, cn01's compute service enabled. */
    @AfterAll
    static void cleanUp() throws InterruptedException {
        if (service != null) {
            service.close();
        }
        if (lab != null) {
            lab.close();
        }
        if (nova != null) {
            if (computeStopped) {
                // as after a real repair: nova-compute starts again (cleaning up the evacuated guests), then the fence is lifted
                RealOpenStackLab.restartComputeService(FAILED_HOST, directory);
                nova.forceDown(FAILED_HOST, false);
            }
            booted.forEach(nova::deleteServer);
            if (!nova.computeService(HOST).path("status").asText().equals("enabled")) {
                nova.enableComputeService(HOST);
            }
        }
    }

    @Test
    @Order(1)
    void anOpsLeadDrainsARealHypervisorAndNovaShowsItEmptyAndDisabledWithTheReason() throws Exception {
        // given two servers booted on cn01 through the real API, and cn01's nova-compute enabled
        assertThat(nova.computeService(HOST).path("status").asText()).isEqualTo("enabled");
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        List<String> servers = List.of(nova.bootOn("drain-a-" + stamp, HOST), nova.bootOn("drain-b-" + stamp, HOST));
        booted.addAll(servers);
        for (String id : servers) {
            assertThat(RealNova.host(nova.awaitServer(id, s -> s.path("status").asText().equals("ACTIVE"), BOOT_LIMIT))).isEqualTo(HOST);
        }
        Http admin = Http.as(port, "admin", "test-admin-password");
        Http olga = newUser(admin, port, "olga", "ops-leads");
        Http alice = newUser(admin, port, "alice", "approvers");

        // when olga starts the drain of cn01 and alice approves its plan
        Instant start = Instant.now();
        HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/" + DrainComputeNode.PROCESS_KEY + "/start", """
                {"variables": {
                  "site": {"value": "%s"},
                  "host": {"value": "%s"},
                  "reason": {"value": "firmware update, ticket OPS-4711"}}}""".formatted(SITE, HOST));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("id").asText();
        JsonNode task = waitForApproval(alice, id);
        String plan = JSON.readTree(alice.get("/engine-rest/task/" + task.path("id").asText() + "/form-variables?variableNames=planSummary").body())
                .path("planSummary").path("value").asText();
        assertThat(plan).contains("Drain " + HOST).contains("2 instance(s)");
        claimAndComplete(alice, "alice", task, "{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"window agreed\"}}");

        // then the run ends with the host drained
        JsonNode run = waitUntilCompleted(olga, id, RUN_TIME_LIMIT);
        LOG.info("drain-compute-node on the real lab: {} ms; steps {}; summary: {}", Duration.between(start, Instant.now()).toMillis(),
                stepIds(olga, id), historicVariable(olga, id, "summary").path("value").asText());
        assertThat(run.path("state").asText()).as("run %s, steps %s", id, stepIds(olga, id)).isEqualTo("COMPLETED");
        assertThat(ended(olga, id, DrainComputeNode.Elements.END_HOST_DRAINED)).as("steps %s", stepIds(olga, id)).isTrue();
        assertThat(historicVariable(olga, id, "drained").path("value").asBoolean()).isTrue();

        // and the real Nova shows no server left on cn01, both servers active elsewhere, and cn01 disabled with the drain's reason
        assertThat(nova.serverIdsOn(HOST)).isEmpty();
        for (String server : servers) {
            JsonNode seen = nova.server(server).orElseThrow();
            assertThat(RealNova.host(seen)).as("server %s", server).isNotEqualTo(HOST).isIn("cn02", "cn03");
            assertThat(seen.path("status").asText()).as("server %s", server).isEqualTo("ACTIVE");
        }
        JsonNode computeService = nova.computeService(HOST);
        assertThat(computeService.path("status").asText()).isEqualTo("disabled");
        assertThat(computeService.path("disabled_reason").asText()).startsWith("firmware update, ticket OPS-4711").contains(id);
    }

    @Test
    @Order(2)
    void anOpsLeadReturnsTheDrainedHypervisorAndNovaShowsItEnabled() throws Exception {
        // given cn01 disabled by the drain
        assertThat(nova.computeService(HOST).path("status").asText()).as("the drain left cn01 disabled").isEqualTo("disabled");
        Http olga = Http.as(port, "olga", "olga-s3cret-pass");

        // when olga returns cn01
        Instant start = Instant.now();
        HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/" + ReturnComputeNode.PROCESS_KEY + "/start", """
                {"variables": {
                  "site": {"value": "%s"},
                  "host": {"value": "%s"},
                  "reason": {"value": "firmware updated, OPS-4711 done"}}}""".formatted(SITE, HOST));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("id").asText();

        // then the run ends with the host returned
        JsonNode run = waitUntilCompleted(olga, id, RUN_TIME_LIMIT);
        LOG.info("return-compute-node on the real lab: {} ms; steps {}; summary: {}", Duration.between(start, Instant.now()).toMillis(),
                stepIds(olga, id), historicVariable(olga, id, "summary").path("value").asText());
        assertThat(run.path("state").asText()).as("run %s, steps %s", id, stepIds(olga, id)).isEqualTo("COMPLETED");
        assertThat(ended(olga, id, ReturnComputeNode.Elements.END_HOST_RETURNED)).as("steps %s", stepIds(olga, id)).isTrue();
        assertThat(historicVariable(olga, id, "returned").path("value").asBoolean()).isTrue();

        // and the real Nova shows cn01's nova-compute enabled and up, without a disabled reason
        JsonNode computeService = nova.computeService(HOST);
        assertThat(computeService.path("status").asText()).isEqualTo("enabled");
        assertThat(computeService.path("state").asText()).isEqualTo("up");
        assertThat(computeService.path("disabled_reason").isNull() || computeService.path("disabled_reason").asText().isEmpty()).isTrue();
    }

    @Test
    @Order(3)
    void aSev1OnADeadHypervisorFencesItAndEvacuatesItsServersAndNovaShowsThemElsewhere() throws Exception {
        // given a server booted on cn02 through the real API, then cn02's nova-compute stopped until Nova reports it down
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        String server = nova.bootOn("evac-" + stamp, FAILED_HOST);
        booted.add(server);
        assertThat(RealNova.host(nova.awaitServer(server, s -> s.path("status").asText().equals("ACTIVE"), BOOT_LIMIT))).isEqualTo(FAILED_HOST);
        RealOpenStackLab.stopService("nova-compute-" + FAILED_HOST, directory);
        computeStopped = true;
        Instant reportedDown = Instant.now().plus(Duration.ofMinutes(3));
        while (!nova.computeService(FAILED_HOST).path("state").asText().equals("down")) {
            assertThat(Instant.now()).as("Nova reports nova-compute on %s down", FAILED_HOST).isBefore(reportedDown);
            Thread.sleep(2000);
        }
        Http admin = Http.as(port, "admin", "test-admin-password");
        Http oscar = newUser(admin, port, "oscar", "ops-leads");
        Http olivia = newUser(admin, port, "olivia", "ops-leads");
        Http beth = newUser(admin, port, "beth", "approvers");

        // when oscar opens a Sev-1, updates the status page, olivia chooses the evacuation of cn02 and beth approves it
        Instant start = Instant.now();
        HttpResponse<String> started = oscar.postJson("/engine-rest/process-definition/key/" + Sev1Incident.PROCESS_KEY + "/start", """
                {"variables": {"site": {"value": "%s"}, "summary": {"value": "Hypervisor %s is down"}}}""".formatted(SITE, FAILED_HOST));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("id").asText();
        claimAndComplete(oscar, "oscar", task(oscar, id, Sev1Incident.Elements.UPDATE_STATUS_PAGE), "{\"statusPageNote\":{\"value\":\"Investigating cn02\"}}");
        JsonNode choice = task(olivia, id, Sev1Incident.Elements.CHOOSE_MITIGATION);
        claimAndComplete(olivia, "olivia", choice, "{\"action\":{\"value\":\"evacuate-host\"},\"target\":{\"value\":\"" + FAILED_HOST
                + "\"},\"note\":{\"value\":\"cn02 dead\"}}");
        claimAndComplete(beth, "beth", task(beth, id, Sev1Incident.Elements.APPROVE_MITIGATION),
                "{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"fenced by IPMI\"}}");

        // then the run fences cn02, evacuates its server and verifies the site, up to the post-mortem
        JsonNode postMortem = task(oscar, id, Sev1Incident.Elements.WRITE_POST_MORTEM);
        claimAndComplete(oscar, "oscar", postMortem, "{\"rootCause\":{\"value\":\"PSU failure\"},\"followUps\":{\"value\":\"return-compute-node cn02\"}}");
        JsonNode run = waitUntilCompleted(oscar, id, RUN_TIME_LIMIT);
        assertThat(run.path("state").asText()).as("run %s, steps %s", id, stepIds(oscar, id)).isEqualTo("COMPLETED");
        String summary = historicVariable(oscar, id, "summary").path("value").asText();
        LOG.info("sev1-incident on the real lab: {} ms, people's steps included; steps {}; summary: {}", Duration.between(start, Instant.now()).toMillis(),
                stepIds(oscar, id), summary);
        assertThat(summary).contains("host " + FAILED_HOST + " fenced; 1 instance(s) evacuated, 0 not");

        // and the real Nova shows cn02 forced down and the server rebuilt, active, on another host
        JsonNode computeService = nova.computeService(FAILED_HOST);
        assertThat(computeService.path("forced_down").asBoolean()).isTrue();
        assertThat(computeService.path("state").asText()).isEqualTo("down");
        JsonNode seen = nova.awaitServer(server, s -> s.path("status").asText().equals("ACTIVE"), BOOT_LIMIT);
        assertThat(RealNova.host(seen)).isIn("cn01", "cn03");
        assertThat(nova.serverIdsOn(FAILED_HOST)).doesNotContain(server);
    }

    private static JsonNode task(Http user, String id, String definitionKey) throws Exception {
        Instant limit = Instant.now().plus(RUN_TIME_LIMIT);
        while (Instant.now().isBefore(limit)) {
            JsonNode found = JSON.readTree(user.get("/engine-rest/task?processInstanceId=" + id + "&taskDefinitionKey=" + definitionKey).body());
            if (found.size() == 1) {
                return found.get(0);
            }
            JsonNode incidents = JSON.readTree(user.get("/engine-rest/incident?processInstanceId=" + id).body());
            assertThat(incidents).as("incidents of run %s (steps %s)", id, stepIds(user, id)).isEmpty();
            Thread.sleep(250);
        }
        throw new AssertionError("no task " + definitionKey + " for run " + id + " within " + RUN_TIME_LIMIT + "; steps " + stepIds(user, id));
    }

    /** The run's open approval task. */
    private static JsonNode waitForApproval(Http user, String id) throws Exception {
        Instant limit = Instant.now().plus(RUN_TIME_LIMIT);
        while (Instant.now().isBefore(limit)) {
            JsonNode found = JSON.readTree(user.get("/engine-rest/task?processInstanceId=" + id + "&candidateGroup=approvers").body());
            if (found.size() == 1) {
                return found.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no approval task for run " + id + " within " + RUN_TIME_LIMIT + "; steps " + stepIds(user, id));
    }

    private static boolean ended(Http user, String id, String endEvent) throws Exception {
        return JSON.readTree(user.get("/engine-rest/history/activity-instance?processInstanceId=" + id + "&activityId=" + endEvent).body()).size() == 1;
    }
}
