package io.dayshift.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.access.Roles;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import io.dayshift.testing.Http;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.Users;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole service with the lab on: both simulated sites registered, their files written, faults for admins only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LabWiringTest {

    private static final Path DIR = LabTests.tempDirectory("lab-wiring-");

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.enabled", () -> "true");
        registry.add("dayshift.lab.directory", DIR::toString);
        registry.add("dayshift.lab.time-factor", () -> "0");
    }


    @LocalServerPort
    int port;
    @Autowired
    Sites sites;
    @Autowired
    LabSites lab;
    @Autowired
    IdentityService identity;

    @Test
    void bothLabSitesAreRegisteredAsSimulatedWithTheirFiles() throws Exception {
        Site kolla = sites.require("lab");
        Site charmed = sites.require("lab-charmed");

        assertThat(kolla.simulated()).isTrue();
        assertThat(charmed.simulated()).isTrue();
        assertThat(kolla.kollaDeployer().port()).isEqualTo(lab.sshPort("lab"));
        assertThat(charmed.jujuHost().knownHosts()).exists();
        assertThat(Files.readString(charmed.jujuHost().knownHosts())).contains("[127.0.0.1]:" + lab.sshPort("lab-charmed") + " ecdsa-sha2-nistp256 ");
        assertThat(Files.readString(kolla.openstack().cloudsFile())).contains("  lab:\n").contains("  lab-charmed:\n")
                .contains("auth_url: http://127.0.0.1:");
        assertThat(Files.readString(Path.of(kolla.maas().apiKey().location())).strip()).isEqualTo(lab.maasApiKey("lab"));
        assertThat(Files.readString(kolla.kollaDeployer().privateKey())).contains("OPENSSH PRIVATE KEY");
    }

    @Test
    void faultsAreForAdministratorsOnly() {
        Users.ensure(identity, "olga", Roles.OPS_LEADS);
        Users.ensure(identity, "adam", Roles.ADMINS);
        Http lead = Http.as(port, "olga", Users.PASSWORD);
        Http admin = Http.as(port, "adam", Users.PASSWORD);

        assertThat(lead.postJson("/api/lab/sites/lab/faults", "{\"type\":\"hypervisor-down\",\"target\":\"cn03\"}").statusCode()).isEqualTo(403);
        assertThat(lead.get("/api/lab/sites/lab/faults").statusCode()).isEqualTo(403);
        assertThat(Http.anonymous(port).get("/api/lab/sites/lab/faults").statusCode()).isEqualTo(401);
        assertThat(lab.require("lab").faults()).isEmpty();

        HttpResponse<String> added = admin.postJson("/api/lab/sites/lab/faults", "{\"type\":\"hypervisor-down\",\"target\":\"cn03\"}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.body()).contains("\"HYPERVISOR_DOWN\"").contains("cn03");
        assertThat(lab.require("lab").nova().hypervisor("cn03").orElseThrow().up()).isFalse();
        assertThat(admin.get("/api/lab/sites/lab/faults").body()).contains("cn03");
        assertThat(admin.postJson("/api/lab/sites/lab/faults", "{\"type\":\"no-such-fault\"}").statusCode()).isEqualTo(400);
        assertThat(admin.get("/api/lab/sites/nowhere/faults").statusCode()).isEqualTo(404);
        assertThat(admin.delete("/api/lab/sites/lab/faults").statusCode()).isEqualTo(200);
        assertThat(lab.require("lab").faults()).isEmpty();
    }

    @Test
    void countsAreForAdministratorsOnly() {
        Users.ensure(identity, "olga", Roles.OPS_LEADS);
        Users.ensure(identity, "adam", Roles.ADMINS);
        lab.require("lab").nova().disableComputeService("cn05", "counted in the wiring test");

        assertThat(Http.as(port, "olga", Users.PASSWORD).get("/api/lab/counts").statusCode()).isEqualTo(403);
        assertThat(Http.anonymous(port).get("/api/lab/sites/lab/counts").statusCode()).isEqualTo(401);
        HttpResponse<String> counts = Http.as(port, "adam", Users.PASSWORD).get("/api/lab/counts");
        assertThat(counts.statusCode()).isEqualTo(200);
        assertThat(counts.body()).contains("\"lab\":{").contains("\"lab-charmed\":{").contains("\"disable-compute-service\":{\"cn05\":1}");
        assertThat(Http.as(port, "adam", Users.PASSWORD).get("/api/lab/sites/nowhere/counts").statusCode()).isEqualTo(404);
    }
}
