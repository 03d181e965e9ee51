package io.dayshift.adapter.maas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.site.Flavour;
import io.dayshift.site.SecretRef;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.testing.MaasApiServer;
import io.dayshift.testing.MaasApiServer.RecordedRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The port contract against the in-JVM MAAS ({@link MaasApiServer}); a commissioning step ends when the test says so, as
 * MAAS's own signals would end it (Commissioning → Testing when tests were asked for → Ready, or Failed commissioning).
 */
class MaasApiServerContractTest extends MachineProvisionerContract {

    private static final String API_KEY = "cKey4567abcd:tKey8901efgh:Xq7pLmN2vB9kRt4sWz8yHc3dFg6jKa5e";

    private MaasApiServer maas;
    private MachineProvisioner provisioner;
    private Site site;
    private int next;
    private final Map<String, String> systemIds = new HashMap<>();
    private final Map<String, ObjectNode> live = new HashMap<>();
    private final Map<String, String> failures = new HashMap<>();

    @BeforeEach
    void start() {
        maas = MaasApiServer.start(API_KEY);
        site = new Site("lab", Flavour.KOLLA, true, null, new Site.Maas(maas.url(), SecretRef.parse("env:MAAS_API_KEY")), null, null,
                Map.of(), null, null);
        provisioner = MaasAdapterConfiguration.create(
                new MaasProperties(Duration.ofSeconds(2), Duration.ofSeconds(10), 2, Duration.ofMillis(20), Duration.ofMillis(50), 2000),
                new Secrets(name -> "MAAS_API_KEY".equals(name) ? API_KEY : null), call -> { });
    }

    @AfterEach
    void stop() {
        maas.close();
    }

    @Override
    protected MachineProvisioner provisioner() {
        return provisioner;
    }

    @Override
    protected Site site() {
        return site;
    }

    @Override
    protected String apiUser() {
        return MaasApiServer.API_USER;
    }

    @Override
    protected String newMachine() {
        return add("machine-commissioning.json", "new", 0, null);
    }

    @Override
    protected String readyMachine() {
        return add("machine-released.json", "ready", 4, null);
    }

    @Override
    protected String allocatedMachine() {
        return add("machine-allocated.json", "alloc", 10, MaasApiServer.API_USER);
    }

    @Override
    protected String deployedMachine() {
        return add("machine-allocated.json", "deployed", 6, MaasApiServer.API_USER);
    }

    private String add(String fixture, String kind, int status, String owner) {
        next++;
        String hostname = kind + "-" + next;
        String systemId = String.format("%sx%02d", kind.substring(0, 3), next);
        live.put(hostname, maas.addMachine(fixture, systemId, hostname, status, owner));
        systemIds.put(hostname, systemId);
        return hostname;
    }

    @Override
    protected void failNextCommissioning(String hostname, String output) {
        failures.put(hostname, output);
    }

    @Override
    protected void letStepFinish(String hostname) {
        String systemId = systemIds.get(hostname);
        int status = maas.machine(systemId).path("status").asInt();
        if (status == 1 && failures.containsKey(hostname)) {
            maas.setStatus(systemId, 2);
            live.get(hostname).put("commissioning_status", 3).put("commissioning_status_name", "Failed");
            maas.setCurrentScriptSet(systemId, false, maas.fixture("script-results-read.json").get(0),
                    Map.of("00-maas-02-virtuality", failures.remove(hostname) + "\n"));
        } else if (status == 1) {
            maas.setCurrentScriptSet(systemId, false, passed(0), Map.of());
            live.get(hostname).put("commissioning_status", 2).put("commissioning_status_name", "Passed");
            maas.setStatus(systemId, testsAsked(systemId) ? 21 : 4);
        } else if (status == 21) {
            maas.setCurrentScriptSet(systemId, true, maas.fixture("script-results-read.json").get(1), Map.of());
            live.get(hostname).put("testing_status", 2).put("testing_status_name", "Passed");
            maas.setStatus(systemId, 4);
        }
    }

    /** The fixture's commissioning set with every script passed. */
    private JsonNode passed(int index) {
        ObjectNode set = maas.fixture("script-results-read.json").get(index).deepCopy();
        set.path("results").forEach(r -> ((ObjectNode) r).put("status", 2).put("status_name", "Passed")
                .put("exit_status", 0));
        return set;
    }

    private boolean testsAsked(String systemId) {
        List<RecordedRequest> commissions = maas.requests().stream()
                .filter(r -> "commission".equals(r.op()) && r.path().endsWith("/machines/" + systemId + "/")).toList();
        return commissions.isEmpty() || !commissions.get(commissions.size() - 1).param("testing_scripts").contains("none");
    }
}
