package io.dayshift.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.testing.Http;
import io.dayshift.testing.ServiceTest;
import io.dayshift.testing.Users;
import io.dayshift.testing.WebappSession;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;

/** No anonymous access anywhere but the health probe; each role gets into exactly its webapps. */
@ServiceTest
@AutoConfigureObservability
class EndpointSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    @BeforeEach
    void users() {
        Users.ensure(identity, "olga", Roles.OPS_LEADS);
        Users.ensure(identity, "alice", Roles.APPROVERS);
        Users.ensure(identity, "audrey", Roles.AUDITORS);
        Users.ensure(identity, "wendy", Roles.OPS_LEADS);
    }

    @Test
    void anonymousCallsAreRefused() throws Exception {
        Http anonymous = Http.anonymous(port);
        assertThat(anonymous.get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/engine-rest/engine").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/metrics").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/anything").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/runs/any-run/evidence.json").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/runs/any-run/evidence.html").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/evidence/export?from=2026-01-01&to=2026-01-31").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/camunda/api/engine/engine/default/process-definition").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics").statusCode()).isEqualTo(401);
    }

    @Test
    void theEvidenceRoutesAnswerALoggedInUserOnlyAboutRunsThatExistForThem() throws Exception {
        Http auditor = Http.as(port, "audrey", Users.PASSWORD);
        assertThat(auditor.get("/api/runs/no-such-run/evidence.json").statusCode()).isEqualTo(404);
        assertThat(auditor.get("/api/runs/no-such-run/evidence.html").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> export = auditor.getBytes("/api/evidence/export?from=2026-01-01&to=2026-01-31");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(auditor.get("/api/evidence/export?from=2026-01-01&to=2027-12-31").statusCode()).isEqualTo(400);
    }

    @Test
    void healthIsOpenButItsDetailsAreNot() throws Exception {
        HttpResponse<String> anonymous = Http.anonymous(port).get("/actuator/health");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(anonymous.body()).has("components")).isFalse();

        HttpResponse<String> detailed = Http.as(port, "olga", Users.PASSWORD).get("/actuator/health");
        var components = JSON.readTree(detailed.body()).get("components");
        assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("processEngine").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsNeedALogin() {
        HttpResponse<String> metrics = Http.as(port, "olga", Users.PASSWORD).get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "hikaricp_connections", "dayshift_incidents_open");
    }

    @Test
    void aWrongPasswordGets401WithNothingInIt() {
        // one wrong attempt on an account of its own: the engine locks an account briefly after a failure
        HttpResponse<String> refused = Http.as(port, "wendy", "not-the-password").get("/engine-rest/process-definition");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEmpty();
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
    }

    @Test
    void theFirstUserSetupPageIsClosed() throws Exception {
        HttpResponse<String> setup = Http.anonymous(port).postJson("/camunda/api/admin/setup/default/user/create",
                "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"x\"}}");
        assertThat(setup.statusCode()).isIn(401, 403);
        assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
        // and the webapps do not redirect to it
        HttpResponse<String> cockpit = Http.anonymous(port).get("/camunda/app/cockpit/default/");
        assertThat(cockpit.headers().firstValue("Location").orElse("")).doesNotContain("setup");
    }

    @Test
    void eachRoleLogsInToItsWebapps() throws Exception {
        assertThat(authorizedApps("admin", "test-admin-password")).contains("admin", "cockpit", "tasklist");
        assertThat(authorizedApps("olga", Users.PASSWORD)).contains("cockpit", "tasklist").doesNotContain("admin");
        assertThat(authorizedApps("alice", Users.PASSWORD)).contains("tasklist", "cockpit").doesNotContain("admin");
        assertThat(authorizedApps("audrey", Users.PASSWORD)).contains("cockpit").doesNotContain("tasklist", "admin");
    }

    @Test
    void anAuditorCannotLogInToTasklist() throws Exception {
        HttpResponse<String> login = new WebappSession(port).login("tasklist", "audrey", Users.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(403);
    }

    private java.util.List<String> authorizedApps(String user, String password) throws Exception {
        WebappSession session = new WebappSession(port);
        HttpResponse<String> login = session.login("welcome", user, password);
        assertThat(login.statusCode()).as("login of %s", user).isEqualTo(200);
        java.util.List<String> apps = new java.util.ArrayList<>();
        JSON.readTree(login.body()).get("authorizedApps").forEach(app -> apps.add(app.asText()));
        return apps;
    }
}
