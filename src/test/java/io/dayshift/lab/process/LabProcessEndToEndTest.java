package io.dayshift.lab.process;

import static io.dayshift.testing.EngineRest.historicVariable;
import static io.dayshift.testing.EngineRest.newUser;
import static io.dayshift.testing.EngineRest.waitUntilCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.DayshiftApplication;
import io.dayshift.runbook.drain.ReturnComputeNode;
import io.dayshift.runbook.healthcheck.SiteHealthCheck;
import io.dayshift.testing.Http;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.RunningLabProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The lab as a process of its own, and the service using it as a real site: the lab runs in a separate JVM (the service's
 * main class with {@code lab}, on the test classpath); the service starts with its own lab off and the lab site's written
 * settings imported the production way ({@code spring.config.import}); an ops lead returns a host a drain took out of
 * service; the run ends returned, and the lab's counts, read over its HTTP endpoint as its administrator, show the one
 * change on that host. Then the lab process is stopped and started again: it comes back on its port with its keys,
 * credentials and state, and the service, not restarted, runs a health check of the site through it.
 */
class LabProcessEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN_TIME_LIMIT = Duration.ofSeconds(60);

    private static Path directory;
    private static RunningLabProcess lab;
    private static int labPort;
    private static ConfigurableApplicationContext service;
    private static int port;

    @BeforeAll
    static void startLabThenService() throws Exception {
        directory = LabTests.tempDirectory("lab-process-");
        lab = RunningLabProcess.start(directory, "lab=lab/lab-process.yaml", "--dayshift.lab.time-factor=0");
        labPort = lab.port();
        service = new SpringApplicationBuilder(DayshiftApplication.class).profiles("test").run(
                "--server.port=0",
                "--dayshift.lab.enabled=false",
                "--spring.config.import=file:" + lab.settings("lab"),
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=1000");
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    @AfterAll
    static void stopBoth() throws InterruptedException {
        if (service != null) {
            service.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theServiceReturnsAHostOnTheLabProcessAndTheLabCountsTheOneChange() throws Exception {
        // given the lab's counts before the run: nothing changed yet
        String[] administrator = lab.administrator();
        Http labAdmin = Http.as(labPort, administrator[0], administrator[1]);
        assertThat(JSON.readTree(labAdmin.get("/api/lab/sites/lab/counts").body()).path("enable-compute-service").isMissingNode()).isTrue();
        assertThat(Http.as(labPort, administrator[0], "not-the-password").get("/api/lab/counts").statusCode()).isEqualTo(401);

        // when an ops lead returns cn02, which a drain took out of service, on the site the service knows from the written settings
        Http olga = newUser(Http.as(port, "admin", "test-admin-password"), port, "olga", "ops-leads");
        HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/" + ReturnComputeNode.PROCESS_KEY + "/start", """
                {"variables": {
                  "site": {"value": "lab"},
                  "host": {"value": "cn02"},
                  "reason": {"value": "disk swapped, OPS-4711 done"}}}""");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("id").asText();

        // then the run ends with the host returned to service
        JsonNode run = waitUntilCompleted(olga, id, RUN_TIME_LIMIT);
        assertThat(run.path("state").asText()).as("run %s; lab log in %s", id, lab.log()).isEqualTo("COMPLETED");
        assertThat(JSON.readTree(olga.get("/engine-rest/history/activity-instance?processInstanceId=" + id + "&activityId="
                + ReturnComputeNode.Elements.END_HOST_RETURNED).body())).hasSize(1);
        assertThat(historicVariable(olga, id, "returned").path("value").asBoolean()).isTrue();

        // and the lab counts exactly one change, enabling cn02's compute service, and nothing else
        HttpResponse<String> counts = labAdmin.get("/api/lab/counts");
        assertThat(counts.statusCode()).as(counts.body()).isEqualTo(200);
        JsonNode site = JSON.readTree(counts.body()).path("lab");
        assertThat(site.path("enable-compute-service").path("cn02").asLong()).isEqualTo(1);
        List<String> actions = new ArrayList<>();
        site.fieldNames().forEachRemaining(actions::add);
        assertThat(actions).containsExactly("enable-compute-service");

        // and when the lab process is stopped and started again, the service (not restarted) finds it as it was, on its port
        lab = lab.restart();
        assertThat(lab.port()).isEqualTo(labPort);
        administrator = lab.administrator();
        labAdmin = Http.as(labPort, administrator[0], administrator[1]);
        assertThat(JSON.readTree(labAdmin.get("/api/lab/sites/lab/counts").body()).path("enable-compute-service").path("cn02").asLong()).isEqualTo(1);
        HttpResponse<String> check = olga.postJson("/engine-rest/process-definition/key/" + SiteHealthCheck.PROCESS_KEY + "/start", """
                {"variables": {"site": {"value": "lab"}}}""");
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        String checkId = JSON.readTree(check.body()).path("id").asText();
        assertThat(waitUntilCompleted(olga, checkId, RUN_TIME_LIMIT).path("state").asText()).as("run %s; lab log in %s", checkId, lab.log())
                .isEqualTo("COMPLETED");
        // its checks reached the site over SSH and the OpenStack APIs, with the keys, ports and password the service was given
        JsonNode ends = JSON.readTree(olga.get("/engine-rest/history/activity-instance?processInstanceId=" + checkId + "&activityType=noneEndEvent").body());
        assertThat(ends).extracting(end -> end.path("activityId").asText()).singleElement()
                .isIn(SiteHealthCheck.Elements.SITE_GREEN_END, SiteHealthCheck.Elements.SITE_AMBER_END, SiteHealthCheck.Elements.SITE_RED_END);
        assertThat(JSON.readTree(olga.get("/engine-rest/incident?processInstanceId=" + checkId).body())).isEmpty();
    }

}
