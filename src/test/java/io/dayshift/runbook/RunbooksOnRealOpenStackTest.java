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
import io.dayshift.testing.Http;
import io.dayshift.testing.LabEnv;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.RealNova;
import io.dayshift.testing.RealOpenStackLab;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The runbooks end to end against the real OpenStack lab on loopback ({@code ../shared/openstack-lab}: real Keystone, Nova,
 * Neutron, Placement; three fake hypervisors cn01..cn03), not against an adapter or the built-in lab. The service starts
 * with its lab off and one site, {@code openstack-lab}, configured as an operator would: a settings file imported with
 * {@code spring.config.import} whose OpenStack part is the lab's {@code clouds.yaml}. Drain and return touch only
 * OpenStack; the site's deployer SSH group is there because a Kolla site must name one, and no step of these runbooks
 * uses it.
 *
 * <p>Servers are booted on cn01 through the real API first; every outcome is checked through the real API ({@link RealNova}),
 * never through the service's own adapter. Runs only under {@code -Popenstack-lab} and only when the lab answers; otherwise
 * every test is skipped with a message saying how to start it. The tests run in order (the return needs the drained host).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunbooksOnRealOpenStackTest {

    private static final String SITE = "openstack-lab";
    private static final String HOST = "cn01";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOOT_LIMIT = Duration.ofMinutes(2);
    private static final Duration RUN_TIME_LIMIT = Duration.ofMinutes(5);

    private static String unavailable;
    private static Path directory;
    private static RealNova nova;
    private static ConfigurableApplicationContext service;
    private static int port;
    private static final List<String> booted = new ArrayList<>();

    @BeforeAll
    static void startTheServiceOnTheRealLab() throws Exception {
        unavailable = RealOpenStackLab.whyUnavailable();
        if (unavailable != null) {
            return;
        }
        Map<String, String> env = RealOpenStackLab.environment();
        nova = RealNova.signIn(env);
        directory = LabTests.tempDirectory("real-openstack-");
        Path settings = writeSiteSettings(env);
        service = new SpringApplicationBuilder(DayshiftApplication.class).profiles("test").run(
                "--server.port=0",
                "--dayshift.lab.enabled=false",
                "--spring.config.import=file:" + settings,
                "--dayshift.runbooks.drain-compute-node.check-interval=PT2S",
                "--dayshift.runbooks.drain-compute-node.migration-deadline=PT5M",
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=1000");
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    /**
     * The operator's files: the site's settings and the {@code clouds.yaml} they point at (the lab's {@code OS_*} settings as
     * a clouds.yaml entry); the deployer's key and known_hosts are placeholders no step of these runbooks reads.
     */
    private static Path writeSiteSettings(Map<String, String> env) throws Exception {
        Path clouds = directory.resolve("clouds.yaml");
        Files.writeString(clouds, LabEnv.cloudsYaml(SITE, env));
        Files.writeString(directory.resolve("id_ecdsa"), "");
        Files.writeString(directory.resolve("known_hosts"), "");
        Path settings = directory.resolve("application.yml");
        Files.writeString(settings, """
                dayshift:
                  sites:
                    %1$s:
                      flavour: kolla
                      openstack:
                        cloud: %1$s
                        clouds-file: %2$s/clouds.yaml
                      kolla:
                        host-group: deployer
                        inventory: %2$s/multinode
                        globals: %2$s/globals.yml
                        config-dir: %2$s/config
                      ssh:
                        deployer:
                          hosts: [127.0.0.1]
                          user: kolla
                          private-key: %2$s/id_ecdsa
                          known-hosts: %2$s/known_hosts
                """.formatted(SITE, directory));
        return settings;
    }

    @BeforeEach
    void assumeLab() {
        assumeTrue(unavailable == null, unavailable);
    }

    /** Leaves the lab as it was: the servers this class booted deleted, cn01's compute service enabled. */
    @AfterAll
    static void cleanUp() {
        if (service != null) {
            service.close();
        }
        if (nova != null) {
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
        System.out.println("drain-compute-node on the real lab: " + Duration.between(start, Instant.now()).toMillis() + " ms");
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
        System.out.println("return-compute-node on the real lab: " + Duration.between(start, Instant.now()).toMillis() + " ms");
        assertThat(run.path("state").asText()).as("run %s, steps %s", id, stepIds(olga, id)).isEqualTo("COMPLETED");
        assertThat(ended(olga, id, ReturnComputeNode.Elements.END_HOST_RETURNED)).as("steps %s", stepIds(olga, id)).isTrue();
        assertThat(historicVariable(olga, id, "returned").path("value").asBoolean()).isTrue();

        // and the real Nova shows cn01's nova-compute enabled and up, without a disabled reason
        JsonNode computeService = nova.computeService(HOST);
        assertThat(computeService.path("status").asText()).isEqualTo("enabled");
        assertThat(computeService.path("state").asText()).isEqualTo("up");
        assertThat(computeService.path("disabled_reason").isNull() || computeService.path("disabled_reason").asText().isEmpty()).isTrue();
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
