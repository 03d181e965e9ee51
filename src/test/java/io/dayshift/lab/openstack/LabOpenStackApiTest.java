package io.dayshift.lab.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.lab.LabSites;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.Instance;
import io.dayshift.lab.model.InstanceStatus;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.ServiceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The lab's OpenStack endpoints over plain HTTP: Keystone's tokens and refusals, the token check in front of every
 * service, microversion semantics of Nova, and injected faults as the real APIs show them.
 */
@ServiceTest
class LabOpenStackApiTest {

    private static final Path DIR = LabTests.tempDirectory("lab-openstack-api-");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.enabled", () -> "true");
        registry.add("dayshift.lab.directory", DIR::toString);
        registry.add("dayshift.lab.time-factor", () -> "0");
    }


    @LocalServerPort
    int port;
    @Autowired
    LabSites lab;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void clearFaults() {
        lab.all().forEach(LabSite::clearFaults);
    }

    private String base(String site) {
        return "http://127.0.0.1:" + port + "/lab/openstack/" + site;
    }

    private HttpResponse<String> send(String method, String url, String token, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        for (int k = 0; k < headers.length; k += 2) {
            b.header(headers[k], headers[k + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String authBody(String password) {
        return "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"admin\",\"domain\":{\"name\":\"Default\"},"
                + "\"password\":\"" + password + "\"}}},\"scope\":{\"project\":{\"name\":\"admin\",\"domain\":{\"name\":\"Default\"}}}}}";
    }

    private String token(String site) {
        HttpResponse<String> r = send("POST", base(site) + "/identity/v3/auth/tokens", null, authBody(lab.openstackPassword()));
        assertThat(r.statusCode()).isEqualTo(201);
        return r.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void keystoneIssuesAProjectTokenWhoseCatalogPointsAtTheLab() {
        HttpResponse<String> r = send("POST", base("lab") + "/identity/v3/auth/tokens", null, authBody(lab.openstackPassword()));

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("X-Subject-Token")).isPresent();
        JsonNode token = json(r).path("token");
        assertThat(token.path("project").path("name").asText()).isEqualTo("admin");
        assertThat(Instant.parse(token.path("expires_at").asText())).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        List<String> types = new ArrayList<>();
        token.path("catalog").forEach(s -> {
            types.add(s.path("type").asText());
            s.path("endpoints").forEach(e -> assertThat(e.path("url").asText()).startsWith(base("lab") + "/"));
        });
        assertThat(types).containsExactlyInAnyOrder("identity", "compute", "placement", "network", "image", "volumev3", "block-storage");
    }

    @Test
    void aWrongPasswordIsRefusedAndNoTokenIsIssued() {
        HttpResponse<String> r = send("POST", base("lab") + "/identity/v3/auth/tokens", null, authBody("wrong"));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("X-Subject-Token")).isEmpty();
        assertThat(json(r).path("error").path("message").asText()).isEqualTo("The request you have made requires authentication.");
    }

    @Test
    void everyOtherCallNeedsAValidTokenOfItsOwnSite() {
        String labToken = token("lab");

        assertThat(send("GET", base("lab") + "/compute/v2.1/servers/detail", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = send("GET", base("lab") + "/network/v2.0/agents", "gAAAAAnot-a-token", null);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Keystone uri=");
        assertThat(send("GET", base("lab-charmed") + "/compute/v2.1/servers/detail", labToken, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", base("lab") + "/compute/v2.1/servers/detail", labToken, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", base("nowhere") + "/compute/v2.1/servers/detail", labToken, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theCloudsFileNamesThePortTheServiceListensOn() throws IOException {
        assertThat(Files.readString(DIR.resolve("clouds.yaml"))).contains("auth_url: http://127.0.0.1:" + port + "/lab/openstack/lab/identity/v3");
    }

    @Test
    void novaAnswersByMicroversion() {
        String token = token("lab");
        String services = base("lab") + "/compute/v2.1/os-services?binary=nova-compute&host=cn01";

        JsonNode old = json(send("GET", services, token, null)).path("services").get(0);
        HttpResponse<String> at253 = send("GET", services, token, null, "OpenStack-API-Version", "compute 2.53");
        JsonNode current = json(at253).path("services").get(0);

        assertThat(old.path("id").isInt()).isTrue();
        assertThat(old.has("forced_down")).isFalse();
        assertThat(current.path("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(current.path("forced_down").asBoolean(true)).isFalse();
        assertThat(at253.headers().firstValue("OpenStack-API-Version")).contains("compute 2.53");
        assertThat(send("PUT", base("lab") + "/compute/v2.1/os-services/disable", token, "{\"host\":\"cn01\",\"binary\":\"nova-compute\"}",
                "OpenStack-API-Version", "compute 2.53").statusCode()).isEqualTo(404);
        assertThat(send("GET", services, token, null, "OpenStack-API-Version", "compute 2.99").statusCode()).isEqualTo(406);

        String server = lab.require("lab").nova().instancesOn("cn02").stream().filter(i -> i.status() == InstanceStatus.ACTIVE).findFirst().orElseThrow().id();
        String action = base("lab") + "/compute/v2.1/servers/" + server + "/action";
        HttpResponse<String> auto21 = send("POST", action, token, "{\"os-migrateLive\":{\"host\":null,\"block_migration\":\"auto\",\"disk_over_commit\":false}}");
        HttpResponse<String> noHost = send("POST", action, token, "{\"os-migrateLive\":{\"block_migration\":\"auto\"}}",
                "OpenStack-API-Version", "compute 2.30");
        assertThat(auto21.statusCode()).isEqualTo(400);
        assertThat(noHost.statusCode()).isEqualTo(400);
        assertThat(json(noHost).path("badRequest").path("message").asText()).contains("'host' is a required property");
        assertThat(lab.require("lab").nova().instance(server).orElseThrow().host()).isEqualTo("cn02");
    }

    @Test
    void aFailingLiveMigrationLeavesTheServerActiveOnItsSourceWithAFailedRecord() {
        LabSite site = lab.require("lab");
        Instance app = site.nova().instancesOn("cn02").stream().filter(i -> i.status() == InstanceStatus.ACTIVE).findFirst().orElseThrow();
        site.injectFault(new LabFault("", FaultType.LIVE_MIGRATION_FAILS, app.id(), "", 1));
        String token = token("lab");
        String compute = base("lab") + "/compute/v2.1";

        HttpResponse<String> accepted = send("POST", compute + "/servers/" + app.id() + "/action", token,
                "{\"os-migrateLive\":{\"host\":null,\"block_migration\":\"auto\"}}", "OpenStack-API-Version", "compute 2.30");

        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode server = json(send("GET", compute + "/servers/" + app.id(), token, null)).path("server");
        assertThat(server.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(server.path("OS-EXT-SRV-ATTR:host").asText()).isEqualTo("cn02");
        JsonNode migration = json(send("GET", compute + "/os-migrations?instance_uuid=" + app.id() + "&limit=1", token, null,
                "OpenStack-API-Version", "compute 2.59")).path("migrations").get(0);
        assertThat(migration.path("status").asText()).isEqualTo("error");
        assertThat(migration.path("migration_type").asText()).isEqualTo("live-migration");
        assertThat(migration.path("uuid").asText()).isNotBlank();
    }

    @Test
    void aHypervisorGoingDownShowsItsServiceDownAndItsAgentsDead() {
        lab.require("lab").injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn04"));
        String token = token("lab");

        JsonNode service = json(send("GET", base("lab") + "/compute/v2.1/os-services?binary=nova-compute&host=cn04", token, null,
                "OpenStack-API-Version", "compute 2.11")).path("services").get(0);
        JsonNode agents = json(send("GET", base("lab") + "/network/v2.0/agents?host=cn04", token, null)).path("agents");
        JsonNode hypervisors = json(send("GET", base("lab") + "/compute/v2.1/os-hypervisors/detail", token, null,
                "OpenStack-API-Version", "compute 2.53")).path("hypervisors");

        assertThat(service.path("state").asText()).isEqualTo("down");
        assertThat(service.path("forced_down").asBoolean(true)).isFalse();
        assertThat(agents).isNotEmpty().allSatisfy(a -> assertThat(a.path("alive").asBoolean(true)).isFalse());
        assertThat(hypervisors).filteredOn(h -> h.path("hypervisor_hostname").asText().equals("cn04")).singleElement()
                .satisfies(h -> assertThat(h.path("state").asText()).isEqualTo("down"));
    }

    // ---- server groups and api-down (drain-compute-node) --------------------------------------------

    @Test
    void serverGroupsShowPoliciesBefore264APolicyFrom264AndTheirMembers() {
        String token = token("lab");
        String url = base("lab") + "/compute/v2.1/os-server-groups?all_projects=True";

        JsonNode old = json(send("GET", url, token, null, "OpenStack-API-Version", "compute 2.1")).path("server_groups");
        JsonNode now = json(send("GET", url, token, null, "OpenStack-API-Version", "compute 2.64")).path("server_groups");

        assertThat(old).extracting(g -> g.path("name").asText()).contains("db-cluster", "web-frontends");
        JsonNode dbOld = find(old, "db-cluster");
        assertThat(dbOld.path("policies").get(0).asText()).isEqualTo("anti-affinity");
        assertThat(dbOld.has("policy")).isFalse();
        assertThat(dbOld.has("project_id")).isFalse();
        JsonNode db = find(now, "db-cluster");
        assertThat(db.path("policy").asText()).isEqualTo("anti-affinity");
        assertThat(db.has("policies")).isFalse();
        assertThat(db.path("rules").isObject()).isTrue();
        List<String> members = new java.util.ArrayList<>();
        db.path("members").forEach(m -> members.add(m.asText()));
        assertThat(members).hasSize(3).allSatisfy(id -> assertThat(lab.require("lab").nova().instance(id).orElseThrow().name()).startsWith("db-"));
        assertThat(json(send("GET", url + "&limit=1&offset=1", token, null, "OpenStack-API-Version", "compute 2.64")).path("server_groups"))
                .hasSize(1);
        assertThat(send("GET", url + "&limit=-1", token, null).statusCode()).isEqualTo(400);
        assertThat(json(send("GET", base("lab") + "/compute/v2.1/os-server-groups/" + db.path("id").asText(), token, null,
                "OpenStack-API-Version", "compute 2.64")).path("server_group").path("name").asText()).isEqualTo("db-cluster");
    }

    @Test
    void anUnavailableApiAnswers503LikeItsLoadBalancerAndHealsAfterTheGivenTimes() {
        String token = token("lab");
        lab.require("lab").injectFault(new io.dayshift.lab.model.LabFault("", io.dayshift.lab.model.FaultType.API_DOWN, "compute", "", 1));

        HttpResponse<String> down = send("GET", base("lab") + "/compute/v2.1/os-services", token, null);
        HttpResponse<String> placement = send("GET", base("lab") + "/placement/resource_providers", token, null);
        HttpResponse<String> again = send("GET", base("lab") + "/compute/v2.1/os-services", token, null);

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("No server is available to handle this request.");
        assertThat(placement.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
    }

    private static JsonNode find(JsonNode groups, String name) {
        for (JsonNode g : groups) {
            if (g.path("name").asText().equals(name)) {
                return g;
            }
        }
        throw new AssertionError("no server group " + name + " in " + groups);
    }
}
