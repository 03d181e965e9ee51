package io.dayshift.adapter.maas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.lab.LabConfiguration;
import io.dayshift.lab.LabSites;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabOperation;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.MaasState;
import io.dayshift.lab.model.LabTimings;
import io.dayshift.machine.CommissionOptions;
import io.dayshift.machine.CommissioningState;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineProvisioningException;
import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.PowerOffMode;
import io.dayshift.machine.ScriptPhase;
import io.dayshift.machine.ScriptResult;
import io.dayshift.machine.ScriptStatus;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import io.dayshift.testing.Http;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.MutableClock;
import io.dayshift.testing.ServiceTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The port contract against the built-in lab: the whole service with the lab on, the production {@link MachineProvisioner}
 * bean, the lab site {@code lab} as {@link Sites} has it, reaching the lab's MAAS region API served by the service itself
 * at the site's configured MAAS URL. The lab's simulated time follows a clock the test moves.
 *
 * <p>The lab's MAAS URL is {@code http://127.0.0.1:${server.port}/…}, fixed before the server binds; so the service runs on
 * a free port chosen here rather than on port 0.
 */
@ServiceTest
class LabMaasContractTest extends MachineProvisionerContract {

    private static final Path DIR = LabTests.tempDirectory("lab-maas-");
    private static final int PORT = LabTests.freePort();
    private static final MutableClock CLOCK = MutableClock.at("2025-05-06T07:00:00Z");
    private static final AtomicInteger SPARE = new AtomicInteger();
    private static final AtomicInteger NEW = new AtomicInteger();
    private static final AtomicInteger COMPUTE = new AtomicInteger();

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("dayshift.lab.enabled", () -> "true");
        registry.add("dayshift.lab.directory", DIR::toString);
        registry.add("dayshift.lab.time-factor", () -> "1");
        registry.add("dayshift.lab.sites.lab", () -> "lab/maas-contract.yaml");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class LabClock {

        @Bean(LabConfiguration.CLOCK)
        Clock labClock() {
            return CLOCK;
        }
    }

    @Autowired
    MachineProvisioner provisioner;
    @Autowired
    Sites sites;
    @Autowired
    LabSites lab;
    @Autowired
    Secrets secrets;

    private LabSite model() {
        return lab.require("lab");
    }

    @Override
    protected MachineProvisioner provisioner() {
        return provisioner;
    }

    @Override
    protected Site site() {
        return sites.require("lab");
    }

    @Override
    protected String apiUser() {
        return MaasState.MAAS_API_USER;
    }

    @Override
    protected String newMachine() {
        return String.format("new%02d", NEW.incrementAndGet());
    }

    @Override
    protected String readyMachine() {
        return String.format("spare%02d", SPARE.incrementAndGet());
    }

    @Override
    protected String allocatedMachine() {
        String hostname = readyMachine();
        model().maas().allocate(List.of(), systemId(hostname), "", MaasState.MAAS_API_USER);
        return hostname;
    }

    @Override
    protected String deployedMachine() {
        return String.format("cn%02d", COMPUTE.incrementAndGet());
    }

    @Override
    protected void failNextCommissioning(String hostname, String output) {
        model().injectFault(new LabFault("", FaultType.COMMISSIONING_FAILS, hostname, output, 1));
    }

    @Override
    protected void letStepFinish(String hostname) {
        LabTimings timings = model().timings();
        CLOCK.advance(timings.of(LabOperation.COMMISSION).compareTo(timings.of(LabOperation.MACHINE_TESTING)) > 0
                ? timings.of(LabOperation.COMMISSION) : timings.of(LabOperation.MACHINE_TESTING));
    }

    private String systemId(String hostname) {
        return model().maas().machineByHostname(hostname).orElseThrow().systemId();
    }

    // ---- what only the lab shows ----------------------------------------------------------------

    @Test
    void theLabSiteReachesTheLabsMaasThroughTheServicesOwnPort() {
        assertThat(site().simulated()).isTrue();
        assertThat(site().maas().url()).isEqualTo(URI.create("http://127.0.0.1:" + PORT + "/lab/maas/lab/MAAS"));
    }

    @Test
    void destructiveActionsAreCountedOncePerRequest() {
        String fresh = newMachine();
        String allocated = allocatedMachine();
        String deployed = deployedMachine();
        String toPowerOff = allocatedMachine();
        Map<String, Long> before = model().destructiveActions();

        provisioner.findMachine(site(), fresh);
        provisioner.checkCommissioning(site(), deployed);
        provisioner.queryPowerState(site(), deployed);
        assertThat(model().destructiveActions()).isEqualTo(before);

        provisioner.commission(site(), fresh, CommissionOptions.defaults());
        provisioner.deploy(site(), allocated);
        provisioner.release(site(), deployed, false);
        provisioner.powerOff(site(), toPowerOff, PowerOffMode.SOFT);

        Map<String, Long> after = model().destructiveActions();
        for (String action : List.of("maas-commission", "maas-deploy", "maas-release", "maas-power-off")) {
            assertThat(after.get(action)).as(action).isEqualTo(before.getOrDefault(action, 0L) + 1);
        }
    }

    @Test
    void anInjectedTestingFailureEndsInFailedTestingWithTheScriptsOutput() {
        String machine = newMachine();
        model().injectFault(new LabFault("", FaultType.TESTING_FAILS, machine, "memtester: FAILURE: 0x55aa != 0x55ab at offset 0x1f00", 1));

        provisioner.commission(site(), machine, CommissionOptions.withTests(List.of("memtester", "smartctl-validate")));
        letStepFinish(machine);
        assertThat(provisioner.checkCommissioning(site(), machine).status()).isEqualTo(MachineStatus.TESTING);
        letStepFinish(machine);

        CommissioningState failed = provisioner.checkCommissioning(site(), machine);
        assertThat(failed.status()).isEqualTo(MachineStatus.FAILED_TESTING);
        assertThat(failed.phase()).isEqualTo(CommissioningState.Phase.FAILED);
        assertThat(failed.testingStatus()).isEqualTo("Failed");
        assertThat(provisioner.failedScripts(site(), machine)).singleElement().satisfies(r -> {
            assertThat(r.phase()).isEqualTo(ScriptPhase.TESTING);
            assertThat(r.name()).isEqualTo("memtester");
            assertThat(r.exitStatus()).isEqualTo(1);
            assertThat(r.outputTail()).isEqualTo("memtester: FAILURE: 0x55aa != 0x55ab at offset 0x1f00\n");
        });
        assertThat(provisioner.scriptResults(site(), machine, ScriptPhase.TESTING)).extracting(ScriptResult::name, ScriptResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("memtester", ScriptStatus.FAILED),
                        org.assertj.core.groups.Tuple.tuple("smartctl-validate", ScriptStatus.PASSED));
    }

    @Test
    void commissioningWithoutTestsGoesStraightToReady() {
        String machine = newMachine();

        provisioner.commission(site(), machine, CommissionOptions.withoutTests());
        letStepFinish(machine);

        CommissioningState ready = provisioner.checkCommissioning(site(), machine);
        assertThat(ready.succeeded()).isTrue();
        assertThat(ready.statusMessage()).isEqualTo("From 'Commissioning' to 'Ready'");
        assertThat(provisioner.scriptResults(site(), machine, ScriptPhase.TESTING)).isEmpty();
        assertThat(provisioner.scriptResults(site(), machine, ScriptPhase.COMMISSIONING)).isNotEmpty().allMatch(r -> r.status() == ScriptStatus.PASSED);
    }

    @Test
    void releasingWithEraseGoesThroughDiskErasing() {
        String deployed = deployedMachine();

        assertThat(provisioner.release(site(), deployed, true).status()).isEqualTo(MachineStatus.DISK_ERASING);
        CLOCK.advance(model().timings().of(LabOperation.MACHINE_RELEASE));

        assertThat(provisioner.findMachine(site(), deployed).orElseThrow().status()).isEqualTo(MachineStatus.READY);
    }

    @Test
    void theMarkBrokenCommentIsTheMachinesErrorDescription() throws Exception {
        String machine = allocatedMachine();

        provisioner.markBroken(site(), machine, "PSU 2 failed");

        JsonNode json = new ObjectMapper().readTree(signed("GET", "machines/" + systemId(machine) + "/", "").body());
        assertThat(json.path("error_description").asText()).isEqualTo("PSU 2 failed");
        assertThat(json.path("owner").isNull()).isTrue();
    }

    @Test
    void aWrongApiKeyIsRefusedAsMaasRefusesIt() {
        String labKey = lab.maasApiKey("lab");
        String otherSitesKey = "0123456789:" + labKey.substring(labKey.indexOf(':') + 1, labKey.lastIndexOf(':')) + ":Wr0ngS3cretOfAnotherSite42";
        Site wrong = new Site("lab", site().flavour(), true, site().openstack(),
                new Site.Maas(site().maas().url(), io.dayshift.site.SecretRef.parse("env:LAB_MAAS_WRONG_KEY")), null, site().kolla(),
                site().ssh(), site().capacity(), null);
        MachineProvisioner withWrongKey = MaasAdapterConfiguration.create(MaasProperties.defaults(),
                new Secrets(name -> "LAB_MAAS_WRONG_KEY".equals(name) ? otherSitesKey : null), call -> { });

        assertThatThrownBy(() -> withWrongKey.findMachine(wrong, "spare40"))
                .isInstanceOfSatisfying(MachineProvisioningException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
                .hasMessageContaining("Authorization Error: Invalid API key.")
                .hasMessageNotContaining(otherSitesKey.substring(otherSitesKey.lastIndexOf(':') + 1));
    }

    // ---- the wire, as MAAS answers ------------------------------------------------------------

    @Test
    void withoutTheOauthHeaderTheApiAnswers401AndHttpBasicDoesNotHelp() {
        HttpResponse<String> anonymous = Http.anonymous(PORT).get("/lab/maas/lab/MAAS/api/2.0/machines/");
        HttpResponse<String> basic = Http.as(PORT, "admin", "test-admin-password").get("/lab/maas/lab/MAAS/api/2.0/machines/");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).startsWith("Authorization Error: ");
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).startsWith("Authorization Error: ");
        assertThat(Http.anonymous(PORT).get("/api/lab/sites/lab/faults").statusCode()).isEqualTo(401); // the fault API keeps HTTP basic
    }

    @Test
    void aMachineHasEveryFieldOfMaassMachineJson() throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/maas/machine-allocated.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        HttpResponse<String> answer = signed("GET", "machines/" + systemId(deployedMachine()) + "/", "");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode machine = new ObjectMapper().readTree(answer.body());
        List<String> missing = new ArrayList<>();
        fixture.fieldNames().forEachRemaining(field -> {
            if (!machine.has(field)) {
                missing.add(field);
            }
        });
        assertThat(missing).isEmpty();
        assertThat(machine.path("status_name").asText()).isEqualTo("Deployed");
        assertThat(machine.path("zone").path("name").asText()).startsWith("az");
        assertThat(machine.path("resource_uri").asText()).isEqualTo("/lab/maas/lab/MAAS/api/2.0/machines/" + machine.path("system_id").asText() + "/");
    }

    @Test
    void errorsAreWordedAndShapedAsMaasAnswersThem() throws Exception {
        String deployed = systemId(deployedMachine());

        HttpResponse<String> unknownOp = signed("POST", "machines/" + deployed + "/?op=foo", "");
        assertThat(unknownOp.statusCode()).isEqualTo(400);
        assertThat(unknownOp.body()).isEqualTo("Unrecognised signature: method=POST op=foo");

        HttpResponse<String> commission = signed("POST", "machines/" + deployed + "/?op=commission", "testing_scripts=none");
        assertThat(commission.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(commission.body()))
                .isEqualTo(new ObjectMapper().readTree("{\"__all__\": [\"Commission is not available because of the current state of the node.\"]}"));

        HttpResponse<String> missing = signed("GET", "machines/zzzzzz/", "");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("No Machine matches the given query.");

        HttpResponse<String> duplicate = signed("POST", "tags/", "name=openstack-compute");
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(duplicate.body()).path("name").get(0).asText()).isEqualTo("Tag with this Name already exists.");

        HttpResponse<String> badStatus = signed("GET", "machines/?status=sleeping", "");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("\"status\"");
    }

    @Test
    void scriptOutputIsServedBase64OnlyWhenAskedFor() throws Exception {
        String machine = newMachine();
        failNextCommissioning(machine, "lshw: no disks");
        provisioner.commission(site(), machine, CommissionOptions.defaults());
        letStepFinish(machine);
        String setId = new ObjectMapper().readTree(signed("GET", "machines/" + systemId(machine) + "/", "").body())
                .path("current_commissioning_result_id").asText();

        JsonNode without = new ObjectMapper().readTree(signed("GET", "nodes/" + systemId(machine) + "/results/" + setId + "/", "").body());
        JsonNode with = new ObjectMapper().readTree(signed("GET", "nodes/" + systemId(machine) + "/results/current-commissioning/?include_output=true",
                "").body());

        assertThat(without.path("type_name").asText()).isEqualTo("Commissioning");
        assertThat(without.path("results").get(0).has("output")).isFalse();
        JsonNode failedScript = null;
        for (JsonNode r : with.path("results")) {
            if (r.path("status").asInt() == 3) {
                failedScript = r;
            }
        }
        assertThat(failedScript).isNotNull();
        assertThat(new String(java.util.Base64.getDecoder().decode(failedScript.path("output").asText()))).isEqualTo("lshw: no disks\n");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A request signed with the lab site's key, as the adapter signs it; {@code form} is the POST body. */
    private HttpResponse<String> signed(String method, String path, String form) throws IOException, InterruptedException {
        String[] key = lab.maasApiKey("lab").split(":");
        String header = "OAuth oauth_version=\"1.0\", oauth_signature_method=\"PLAINTEXT\", oauth_consumer_key=\"" + key[0]
                + "\", oauth_token=\"" + key[1] + "\", oauth_signature=\"%26" + key[2] + "\", oauth_nonce=\"n" + System.nanoTime()
                + "\", oauth_timestamp=\"" + CLOCK.instant().getEpochSecond() + "\"";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(site().maas().url() + "/api/2.0/" + path)).header("Authorization", header);
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            request.GET();
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
