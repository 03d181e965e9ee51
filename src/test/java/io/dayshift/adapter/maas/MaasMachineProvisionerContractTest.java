package io.dayshift.adapter.maas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dayshift.machine.CommissionOptions;
import io.dayshift.machine.CommissioningState;
import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineNotFoundException;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineProvisioningException;
import io.dayshift.machine.MachineQuery;
import io.dayshift.machine.MachineStateConflictException;
import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.PowerOffMode;
import io.dayshift.machine.PowerState;
import io.dayshift.machine.ScriptPhase;
import io.dayshift.machine.ScriptResult;
import io.dayshift.site.Flavour;
import io.dayshift.site.SecretRef;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.testing.MaasApiServer;
import io.dayshift.testing.MaasApiServer.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The MAAS adapter against an HTTP server in the test JVM that answers like MAAS 2.0. */
@ExtendWith(OutputCaptureExtension.class)
class MaasMachineProvisionerContractTest {

    private static final String SECRET = "Xq7pLmN2vB9kRt4sWz8yHc3dFg6jKa5e";
    private static final String API_KEY = "cKey4567abcd:tKey8901efgh:" + SECRET;
    private static final SecretRef KEY_REF = SecretRef.parse("env:MAAS_API_KEY");

    private MaasApiServer maas;
    private MachineProvisioner provisioner;
    private Site site;

    @BeforeEach
    void start() {
        maas = MaasApiServer.start(API_KEY);
        // new (commissionable), ready, allocated, deployed, commissioning
        maas.addMachine("machine-commissioning.json", "n3wn0d", "compute-01", 0, null);
        maas.addMachine("machine-released.json", "r3adyx", "compute-02", 4, null);
        maas.addMachine("machine-allocated.json", "thr3am", "compute-03", 10, MaasApiServer.API_USER);
        maas.addMachine("machine-allocated.json", "d3pl0y", "compute-04", 6, MaasApiServer.API_USER);
        maas.addMachine("machine-commissioning.json", "8bk8nn", "compute-05", 1, MaasApiServer.API_USER);
        site = site();
        provisioner = provisioner(API_KEY, 3);
    }

    @AfterEach
    void stop() {
        maas.close();
    }

    // ---- read -----------------------------------------------------------------------------

    @Test
    void listsAllMachines() {
        List<Machine> machines = provisioner.listMachines(site, MachineQuery.all());

        assertThat(machines).extracting(Machine::hostname)
                .containsExactly("compute-01", "compute-02", "compute-03", "compute-04", "compute-05");
        assertThat(machines.get(2).status()).isEqualTo(MachineStatus.ALLOCATED);
        assertThat(maas.lastRequest().method()).isEqualTo("GET");
        assertThat(maas.lastRequest().path()).isEqualTo("/MAAS/api/2.0/machines/");
    }

    @Test
    void listFiltersRepeatTheirKeys() {
        List<Machine> machines = provisioner.listMachines(site, MachineQuery.hostnames(List.of("compute-02", "compute-03", "compute-04"))
                .withStatus(MachineStatus.READY, MachineStatus.ALLOCATED));

        assertThat(machines).extracting(Machine::systemId).containsExactly("r3adyx", "thr3am");
        RecordedRequest request = maas.lastRequest();
        assertThat(request.query().get("hostname")).containsExactly("compute-02", "compute-03", "compute-04");
        assertThat(request.query().get("status")).containsExactly("ready", "allocated");
    }

    @Test
    void listFiltersByTagAndZone() {
        provisioner.ensureTag(site, "dayshift-spare", "spare compute hosts");
        provisioner.tagMachines(site, "dayshift-spare", List.of("compute-02"));

        assertThat(provisioner.listMachines(site, MachineQuery.all().withTag("dayshift-spare")))
                .extracting(Machine::hostname).containsExactly("compute-02");
        assertThat(maas.lastRequest().query().get("tags")).containsExactly("dayshift-spare");
        assertThat(provisioner.listMachines(site, MachineQuery.all().inZone("default")))
                .extracting(Machine::hostname).containsExactly("compute-01", "compute-05");
        assertThat(maas.lastRequest().query().get("zone")).containsExactly("default");
    }

    @Test
    void findsBySystemIdByHostnameAndByFqdn() {
        assertThat(provisioner.findMachine(site, "thr3am")).map(Machine::hostname).contains("compute-03");
        assertThat(maas.lastRequest().path()).isEqualTo("/MAAS/api/2.0/machines/thr3am/");

        assertThat(provisioner.findMachine(site, "compute-03")).map(Machine::systemId).contains("thr3am");
        assertThat(maas.lastRequest().query().get("hostname")).containsExactly("compute-03");

        assertThat(provisioner.findMachine(site, "compute-03.sample")).map(Machine::systemId).contains("thr3am");
        assertThat(maas.lastRequest().query().get("hostname")).containsExactly("compute-03");
        assertThat(provisioner.findMachine(site, "compute-03.elsewhere")).isEmpty();
    }

    @Test
    void unknownMachineIsEmptyOnReadAndNotFoundElsewhere() {
        assertThat(provisioner.findMachine(site, "zzzzzz")).isEmpty(); // 404 by id, then no hostname match
        assertThat(maas.requests()).extracting(RecordedRequest::path)
                .containsExactly("/MAAS/api/2.0/machines/zzzzzz/", "/MAAS/api/2.0/machines/");

        assertThatThrownBy(() -> provisioner.commission(site, "compute-99", CommissionOptions.defaults()))
                .isInstanceOf(MachineNotFoundException.class)
                .hasMessageContaining("site lab")
                .hasMessageContaining("compute-99")
                .hasMessageContaining("commission");
    }

    @Test
    void aSiteUrlWithoutTheMaasPathIsReportedAsConfiguration() {
        Site wrongUrl = new Site("lab", Flavour.KOLLA, true, null,
                new Site.Maas(URI.create(maas.url().toString().replace("/MAAS", "")), KEY_REF), null, null, Map.of(), null, null);

        assertThatThrownBy(() -> provisioner.findMachine(wrongUrl, "compute-01"))
                .isInstanceOf(MachineProvisioningException.class)
                .hasMessageContaining("has no machines endpoint")
                .hasMessageContaining("dayshift.sites.lab.maas.url");
    }

    @Test
    void rejectsIdentifiersThatCouldChangeTheUrl() {
        assertThatThrownBy(() -> provisioner.findMachine(site, "../tags/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> provisioner.ensureTag(site, "bad tag", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(maas.requests()).isEmpty();
    }

    // ---- commissioning ------------------------------------------------------------------------

    @Test
    void commissionsWithTestingScriptsAndReportsProgress() {
        Machine machine = provisioner.commission(site, "compute-01",
                new CommissionOptions(List.of("update-firmware"), List.of("smartctl-validate", "memtester"), false));

        assertThat(machine.status()).isEqualTo(MachineStatus.COMMISSIONING);
        RecordedRequest request = maas.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/MAAS/api/2.0/machines/n3wn0d/");
        assertThat(request.op()).isEqualTo("commission");
        assertThat(request.form().get("testing_scripts")).containsExactly("smartctl-validate,memtester");
        assertThat(request.form().get("commissioning_scripts")).containsExactly("update-firmware");

        assertThat(provisioner.checkCommissioning(site, "n3wn0d").phase()).isEqualTo(CommissioningState.Phase.IN_PROGRESS);
        maas.setStatus("n3wn0d", 21);
        CommissioningState testing = provisioner.checkCommissioning(site, "compute-01");
        assertThat(testing.status()).isEqualTo(MachineStatus.TESTING);
        assertThat(testing.finished()).isFalse();
        maas.setStatus("n3wn0d", 4);
        CommissioningState ready = provisioner.checkCommissioning(site, "compute-01");
        assertThat(ready.succeeded()).isTrue();
        assertThat(ready.statusMessage()).isEqualTo("From 'Testing' to 'Ready'");
        maas.setStatus("n3wn0d", 22);
        assertThat(provisioner.checkCommissioning(site, "n3wn0d").phase()).isEqualTo(CommissioningState.Phase.FAILED);
    }

    @Test
    void commissionWithoutTestsSendsNone() {
        provisioner.commission(site, "r3adyx", CommissionOptions.withoutTests());

        assertThat(maas.lastRequest().form().get("testing_scripts")).containsExactly("none");
        assertThat(maas.lastRequest().form()).doesNotContainKey("commissioning_scripts");
    }

    @Test
    void commissionInTheWrongStateIsAStateConflictNamingMachineAndOperation() {
        assertThatThrownBy(() -> provisioner.commission(site, "compute-04", CommissionOptions.defaults()))
                .isInstanceOfSatisfying(MachineStateConflictException.class, e -> {
                    assertThat(e.site()).isEqualTo("lab");
                    assertThat(e.operation()).isEqualTo("commission");
                    assertThat(e.machine()).isEqualTo("compute-04 (d3pl0y)");
                })
                .hasMessageContaining("site lab")
                .hasMessageContaining("compute-04 (d3pl0y)")
                .hasMessageContaining("commission")
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("Commission is not available because of the current state of the node.")
                .hasMessageNotContaining("__all__");
    }

    @Test
    void failedScriptsOfBothRunsWithRedactedOutput() {
        Secrets secrets = secrets(API_KEY);
        secrets.remember("ipmi-Pa55word");
        MachineProvisioner withSecrets = MaasAdapterConfiguration.create(properties(3), secrets, call -> { });
        maas.setStatus("8bk8nn", 2);
        maas.setCurrentScriptSet("8bk8nn", false, maas.fixture("script-results-read.json").get(0), Map.of(
                "00-maas-02-virtuality", "checking virtualization\nnot supported\n",
                "00-maas-03-install-lldpd", "E: Unable to locate package lldpd; BMC password ipmi-Pa55word\n"));
        maas.setCurrentScriptSet("8bk8nn", true, maas.fixture("script-results-read.json").get(1), Map.of());

        List<ScriptResult> failed = withSecrets.failedScripts(site, "compute-05");

        assertThat(failed).extracting(ScriptResult::name)
                .containsExactly("00-maas-02-virtuality", "00-maas-03-install-lldpd", "00-maas-06-get-fruid-api-data");
        assertThat(failed).allSatisfy(r -> assertThat(r.phase()).isEqualTo(ScriptPhase.COMMISSIONING));
        assertThat(failed.get(0).outputTail()).isEqualTo("checking virtualization\nnot supported\n");
        assertThat(failed.get(1).outputTail()).contains("Unable to locate package lldpd").contains("****").doesNotContain("Pa55word");
        assertThat(failed.get(1).exitStatus()).isEqualTo(1);
        assertThat(maas.requests()).extracting(RecordedRequest::path)
                .contains("/MAAS/api/2.0/nodes/8bk8nn/results/21/", "/MAAS/api/2.0/nodes/8bk8nn/results/22/");
        assertThat(maas.lastRequest().query().get("include_output")).containsExactly("true");
        assertThat(withSecrets.scriptResults(site, "compute-05", ScriptPhase.TESTING)).isNotEmpty().noneMatch(ScriptResult::failed);
    }

    @Test
    void machineWithoutScriptRunsHasNoResults() {
        assertThat(provisioner.failedScripts(site, "compute-01")).isEmpty();
        assertThat(maas.requests()).extracting(RecordedRequest::path).noneMatch(path -> path.contains("/results/"));
    }

    @Test
    void marksBrokenWithComment() {
        Machine broken = provisioner.markBroken(site, "compute-05", "fails memtester twice; sent to vendor");

        assertThat(broken.status()).isEqualTo(MachineStatus.BROKEN);
        assertThat(maas.lastRequest().op()).isEqualTo("mark_broken");
        assertThat(maas.lastRequest().form().get("comment")).containsExactly("fails memtester twice; sent to vendor");
        assertThat(maas.machine("8bk8nn").path("error_description").asText()).isEqualTo("fails memtester twice; sent to vendor");
    }

    @Test
    void markBrokenOfAMachineOwnedBySomeoneElseIsForbidden() {
        assertThatThrownBy(() -> provisioner.markBroken(site, "compute-02", "dead"))
                .isInstanceOfSatisfying(MachineProvisioningException.class, e -> assertThat(e.httpStatus()).isEqualTo(403))
                .hasMessageContaining("site lab")
                .hasMessageContaining("compute-02 (r3adyx)")
                .hasMessageContaining("mark broken")
                .hasMessageContaining("HTTP 403");
    }

    // ---- tags -------------------------------------------------------------------------------------

    @Test
    void ensureTagCreatesOnceAndIsIdempotent() {
        provisioner.ensureTag(site, "dayshift-maintenance", "hosts under maintenance");
        assertThat(maas.hasTag("dayshift-maintenance")).isTrue();
        assertThat(maas.lastRequest().form().get("name")).containsExactly("dayshift-maintenance");
        assertThat(maas.lastRequest().form().get("comment")).containsExactly("hosts under maintenance");
        maas.clearRequests();

        provisioner.ensureTag(site, "dayshift-maintenance", "hosts under maintenance");

        assertThat(maas.requests()).extracting(RecordedRequest::method).containsExactly("GET");
    }

    @Test
    void tagsAndUntagsMachinesByHostnameOrSystemId() {
        provisioner.ensureTag(site, "burn-in", "");

        int added = provisioner.tagMachines(site, "burn-in", List.of("compute-01", "thr3am"));

        assertThat(added).isEqualTo(2);
        RecordedRequest request = maas.lastRequest();
        assertThat(request.path()).isEqualTo("/MAAS/api/2.0/tags/burn-in/");
        assertThat(request.op()).isEqualTo("update_nodes");
        assertThat(request.form().get("add")).containsExactly("n3wn0d", "thr3am");
        assertThat(provisioner.findMachine(site, "thr3am").orElseThrow().hasTag("burn-in")).isTrue();

        assertThat(provisioner.untagMachines(site, "burn-in", List.of("thr3am"))).isEqualTo(1);
        assertThat(maas.lastRequest().form().get("remove")).containsExactly("thr3am");
        assertThat(provisioner.findMachine(site, "thr3am").orElseThrow().tags()).doesNotContain("burn-in");
        assertThat(provisioner.findMachine(site, "n3wn0d").orElseThrow().tags()).contains("burn-in");
    }

    @Test
    void taggingWithAMissingTagNamesTheTag() {
        assertThatThrownBy(() -> provisioner.tagMachines(site, "no-such-tag", List.of("compute-01")))
                .isInstanceOf(MachineNotFoundException.class)
                .hasMessageContaining("no-such-tag")
                .hasMessageContaining("compute-01 (n3wn0d)")
                .hasMessageContaining("No Tag matches the given query.");
    }

    // ---- power ------------------------------------------------------------------------------------

    @Test
    void powerQueryOnAndOff() {
        assertThat(provisioner.queryPowerState(site, "compute-03")).isEqualTo(PowerState.ON);
        assertThat(maas.lastRequest().method()).isEqualTo("GET");
        assertThat(maas.lastRequest().op()).isEqualTo("query_power_state");

        Machine off = provisioner.powerOff(site, "compute-03", PowerOffMode.SOFT);
        assertThat(off.powerState()).isEqualTo(PowerState.OFF);
        assertThat(maas.lastRequest().method()).isEqualTo("POST");
        assertThat(maas.lastRequest().form().get("stop_mode")).containsExactly("soft");

        assertThat(provisioner.powerOn(site, "thr3am").powerState()).isEqualTo(PowerState.ON);
        assertThat(maas.lastRequest().op()).isEqualTo("power_on");
    }

    @Test
    void powerOnOfAnUnallocatedMachineIsAStateConflict() {
        assertThatThrownBy(() -> provisioner.powerOn(site, "compute-02"))
                .isInstanceOf(MachineStateConflictException.class)
                .hasMessageContaining("site lab")
                .hasMessageContaining("power on of machine compute-02 (r3adyx)")
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("Can't start node: it hasn't been allocated.");
    }

    // ---- allocate, deploy, release -------------------------------------------------------------

    @Test
    void allocatesByHostnameWithTagsThenDeploys() {
        provisioner.ensureTag(site, "compute", "");
        provisioner.ensureTag(site, "rack-b", "");
        provisioner.tagMachines(site, "compute", List.of("compute-02"));
        provisioner.tagMachines(site, "rack-b", List.of("compute-02"));

        Machine allocated = provisioner.allocate(site, "compute-02", List.of("compute", "rack-b"));

        assertThat(allocated.status()).isEqualTo(MachineStatus.ALLOCATED);
        assertThat(allocated.owner()).isEqualTo(MaasApiServer.API_USER);
        RecordedRequest request = maas.lastRequest();
        assertThat(request.path()).isEqualTo("/MAAS/api/2.0/machines/");
        assertThat(request.op()).isEqualTo("allocate");
        assertThat(request.form().get("system_id")).containsExactly("r3adyx");
        assertThat(request.form().get("tags")).containsExactly("compute", "rack-b");

        Machine deploying = provisioner.deploy(site, "compute-02", "jammy");
        assertThat(deploying.status()).isEqualTo(MachineStatus.DEPLOYING);
        assertThat(deploying.distroSeries()).isEqualTo("jammy");
        assertThat(maas.lastRequest().form().get("distro_series")).containsExactly("jammy");
    }

    @Test
    void allocatingAMachineThatLacksATagIsAStateConflict() {
        assertThatThrownBy(() -> provisioner.allocate(site, "compute-02", List.of("gpu")))
                .isInstanceOf(MachineStateConflictException.class)
                .hasMessageContaining("allocate of machine compute-02 (r3adyx)")
                .hasMessageContaining("No machine with system ID r3adyx available.");
    }

    @Test
    void deployWithDefaultSeriesSendsNoSeries() {
        Machine deploying = provisioner.deploy(site, "thr3am");

        assertThat(deploying.status()).isEqualTo(MachineStatus.DEPLOYING);
        assertThat(maas.lastRequest().form()).doesNotContainKey("distro_series");
    }

    @Test
    void deployingADeployedMachineIsAStateConflict() {
        assertThatThrownBy(() -> provisioner.deploy(site, "compute-04"))
                .isInstanceOf(MachineStateConflictException.class)
                .hasMessageContaining("deploy of machine compute-04 (d3pl0y)")
                .hasMessageContaining("Can't deploy a machine that is in the 'Deployed' state");
    }

    @Test
    void releasesWithAndWithoutErase() {
        assertThat(provisioner.release(site, "compute-04", true).status()).isEqualTo(MachineStatus.DISK_ERASING);
        assertThat(maas.lastRequest().form().get("erase")).containsExactly("true");

        assertThat(provisioner.release(site, "thr3am", false).status()).isEqualTo(MachineStatus.RELEASING);
        assertThat(maas.lastRequest().form()).doesNotContainKey("erase");

        assertThat(provisioner.release(site, "compute-02", false).status()).isEqualTo(MachineStatus.READY); // no-op
    }

    @Test
    void releasingACommissioningMachineIsAStateConflict() {
        assertThatThrownBy(() -> provisioner.release(site, "compute-05", false))
                .isInstanceOf(MachineStateConflictException.class)
                .hasMessageContaining("release of machine compute-05 (8bk8nn)")
                .hasMessageContaining("Machine cannot be released in its current state ('Commissioning').");
    }

    // ---- 503, authentication, protocol -------------------------------------------------------------

    @Test
    void retriesWhileMaasAnswers503(CapturedOutput output) {
        maas.answerUnavailable(2, "0");

        assertThat(provisioner.findMachine(site, "thr3am")).isPresent();

        assertThat(maas.requests()).hasSize(3).extracting(RecordedRequest::path).containsOnly("/MAAS/api/2.0/machines/thr3am/");
        assertThat(output).contains("site lab: MAAS answered read of machine thr3am with 503 (attempt 1 of 3)");
    }

    @Test
    void gives503UpAfterTheLastAttempt() {
        maas.answerUnavailable(100, null);

        assertThatThrownBy(() -> provisioner.powerOn(site, "thr3am"))
                .isInstanceOfSatisfying(MachineProvisioningException.class, e -> assertThat(e.httpStatus()).isEqualTo(503))
                .hasMessageContaining("site lab")
                .hasMessageContaining("thr3am")
                .hasMessageContaining("power on")
                .hasMessageContaining("HTTP 503 on all 3 attempts")
                .hasMessageContaining("Unable to connect to any rack controller");
        assertThat(maas.requests()).hasSize(3);
    }

    @Test
    void refusedApiKeyIsReportedWithoutTheKey(CapturedOutput output) {
        String wrongSecret = "Wr0ngS3cretButStillSecret9876543";
        MachineProvisioner wrong = provisioner("cKey4567abcd:tKey8901efgh:" + wrongSecret, 2);
        Logger adapterLog = (Logger) LoggerFactory.getLogger("io.dayshift.adapter.maas");
        Level level = adapterLog.getLevel();
        adapterLog.setLevel(Level.DEBUG);
        try {

        assertThatThrownBy(() -> wrong.commission(site(), "thr3am", CommissionOptions.defaults()))
                .isInstanceOfSatisfying(MachineProvisioningException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
                .hasMessageContaining("site lab")
                .hasMessageContaining("refused the API key read from env:MAAS_API_KEY")
                .hasMessageContaining("thr3am")
                .hasMessageContaining("commission")
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining(wrongSecret)
                .hasMessageNotContaining(SECRET);
        } finally {
            adapterLog.setLevel(level);
        }
        assertThat(output).contains("site lab: MAAS GET " + maas.url() + "/api/2.0/machines/thr3am/"); // the adapter did log the call
        assertThat(output.getAll()).doesNotContain(wrongSecret).doesNotContain(SECRET);

        MachineProvisioner unknownConsumer = provisioner("someoneElse:tKey8901efgh:" + wrongSecret, 1);
        assertThatThrownBy(() -> unknownConsumer.findMachine(site, "thr3am"))
                .hasMessageContaining("Authorization Error: Invalid API key.")
                .hasMessageNotContaining(wrongSecret);
    }

    @Test
    void malformedApiKeyNamesThePartWithoutSendingAnything() {
        MachineProvisioner malformed = provisioner("cKey4567abcd::" + SECRET, 1);

        assertThatThrownBy(() -> malformed.findMachine(site, "thr3am"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("token key (second part)")
                .hasMessageContaining("env:MAAS_API_KEY")
                .hasMessageNotContaining(SECRET);
        assertThat(maas.requests()).isEmpty();
    }

    @Test
    void everyRequestCarriesAFreshPlaintextOauthHeader() {
        provisioner.findMachine(site, "thr3am");
        provisioner.findMachine(site, "thr3am");

        List<String> headers = maas.requests().stream().map(RecordedRequest::authorization).toList();
        assertThat(headers).hasSize(2).allSatisfy(header -> assertThat(header)
                .startsWith("OAuth oauth_version=\"1.0\", oauth_signature_method=\"PLAINTEXT\"")
                .contains("oauth_consumer_key=\"cKey4567abcd\"", "oauth_token=\"tKey8901efgh\"",
                        "oauth_signature=\"%26" + SECRET + "\"")
                .containsPattern("oauth_timestamp=\"\\d{10}\""));
        assertThat(nonce(headers.get(0))).isNotEqualTo(nonce(headers.get(1)));
    }

    @Test
    void fakeMaasRefusesUnknownOpsAndMissingOauthParameters() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String header = "OAuth oauth_version=\"1.0\", oauth_signature_method=\"PLAINTEXT\", oauth_consumer_key=\"cKey4567abcd\", "
                + "oauth_token=\"tKey8901efgh\", oauth_signature=\"%26" + SECRET + "\", oauth_nonce=\"n1\", oauth_timestamp=\"1700000000\"";
        HttpResponse<String> unknownOp = http.send(HttpRequest.newBuilder(URI.create(maas.url() + "/api/2.0/machines/thr3am/?op=foo"))
                .header("Authorization", header).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknownOp.statusCode()).isEqualTo(400);
        assertThat(unknownOp.body()).isEqualTo("Unrecognised signature: method=POST op=foo");
        assertThat(unknownOp.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));

        HttpResponse<String> noNonce = http.send(HttpRequest.newBuilder(URI.create(maas.url() + "/api/2.0/machines/"))
                .header("Authorization", header.replace(", oauth_nonce=\"n1\"", "")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noNonce.statusCode()).isEqualTo(400);
        assertThat(noNonce.body()).contains("oauth_nonce");

        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(maas.url() + "/api/2.0/machines/"))
                .header("Authorization", header.replace("%26" + SECRET, SECRET)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static String nonce(String header) {
        return header.replaceAll(".*oauth_nonce=\"([^\"]+)\".*", "$1");
    }

    private Site site() {
        return new Site("lab", Flavour.KOLLA, true, null, new Site.Maas(maas.url(), KEY_REF), null, null, Map.of(), null, null);
    }

    private MachineProvisioner provisioner(String apiKey, int attempts) {
        return MaasAdapterConfiguration.create(properties(attempts), secrets(apiKey), call -> { });
    }

    private static MaasProperties properties(int attempts) {
        return new MaasProperties(Duration.ofSeconds(2), Duration.ofSeconds(10), attempts, Duration.ofMillis(20), Duration.ofMillis(50), 200);
    }

    private static Secrets secrets(String apiKey) {
        return new Secrets(name -> "MAAS_API_KEY".equals(name) ? apiKey : null);
    }
}
