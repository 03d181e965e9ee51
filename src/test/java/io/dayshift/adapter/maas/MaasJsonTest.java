package io.dayshift.adapter.maas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.machine.CommissioningState;
import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.PowerState;
import io.dayshift.machine.ScriptPhase;
import io.dayshift.machine.ScriptResult;
import io.dayshift.machine.ScriptStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Parsing of real MAAS API example responses (fixtures/maas, see SOURCES.md there). */
class MaasJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void allocatedMachineMapsEveryField() throws IOException {
        Machine machine = MaasJson.machine(fixture("machine-allocated.json"));

        assertThat(machine.systemId()).isEqualTo("thr3am");
        assertThat(machine.hostname()).isEqualTo("calm-cod");
        assertThat(machine.status()).isEqualTo(MachineStatus.ALLOCATED);
        assertThat(machine.statusMessage()).isEqualTo("From 'Ready' to 'Allocated' (to admin)");
        assertThat(machine.owner()).isEqualTo("admin");
        assertThat(machine.isAllocated()).isTrue();
        assertThat(machine.tags()).isEmpty();
        assertThat(machine.powerState()).isEqualTo(PowerState.ON);
        assertThat(machine.zone()).isEqualTo("zone-north");
        assertThat(machine.pool()).isEqualTo("default");
        assertThat(machine.cpuCount()).isEqualTo(3);
        assertThat(machine.memoryMib()).isEqualTo(8192);
        assertThat(machine.storageMb()).isEqualTo(9205); // 9204.621312000001 MB, rounded
        assertThat(machine.ipAddresses()).containsExactly("2001:db8:42:0:6556:13fa:7452:70da", "2001:db8:42:0:cf29:e368:ba5b:9977");
        assertThat(machine.distroSeries()).isEmpty();
        assertThat(machine.display()).isEqualTo("calm-cod (thr3am)");
    }

    @Test
    void commissioningMachineIsInProgress() throws IOException {
        JsonNode node = fixture("machine-commissioning.json");
        Machine machine = MaasJson.machine(node);
        CommissioningState state = MaasJson.commissioningState(node);

        assertThat(machine.tags()).containsExactly("virtual");
        assertThat(machine.powerState()).isEqualTo(PowerState.OFF);
        assertThat(machine.storageMb()).isEqualTo(8000);
        assertThat(state.systemId()).isEqualTo("8bk8nn");
        assertThat(state.hostname()).isEqualTo("clever-turkey");
        assertThat(state.status()).isEqualTo(MachineStatus.COMMISSIONING);
        assertThat(state.phase()).isEqualTo(CommissioningState.Phase.IN_PROGRESS);
        assertThat(state.finished()).isFalse();
        assertThat(state.commissioningStatus()).isEqualTo("Pending");
        assertThat(state.testingStatus()).isEqualTo("Pending");
        assertThat(state.statusMessage()).isEqualTo("From 'New' to 'Commissioning'");
    }

    @Test
    void releasedMachineHasNoOwnerAndIsReady() throws IOException {
        JsonNode node = fixture("machine-released.json");
        Machine machine = MaasJson.machine(node);

        assertThat(machine.status()).isEqualTo(MachineStatus.READY);
        assertThat(machine.owner()).isEmpty();
        assertThat(machine.isAllocated()).isFalse();
        assertThat(MaasJson.commissioningState(node).phase()).isEqualTo(CommissioningState.Phase.SUCCEEDED);
    }

    @Test
    void brokenMachineIsNotCommissioning() throws IOException {
        JsonNode node = fixture("machine-broken.json");

        assertThat(MaasJson.machine(node).status()).isEqualTo(MachineStatus.BROKEN);
        assertThat(MaasJson.commissioningState(node).phase()).isEqualTo(CommissioningState.Phase.NOT_COMMISSIONING);
    }

    @Test
    void failedStatusesAreFailedPhases() throws IOException {
        ObjectNode node = (ObjectNode) fixture("machine-commissioning.json");
        node.put("status", 22);
        assertThat(MaasJson.commissioningState(node).phase()).isEqualTo(CommissioningState.Phase.FAILED);
        node.put("status", 2);
        assertThat(MaasJson.commissioningState(node).phase()).isEqualTo(CommissioningState.Phase.FAILED);
        node.put("status", 21);
        assertThat(MaasJson.commissioningState(node).phase()).isEqualTo(CommissioningState.Phase.IN_PROGRESS);
        node.put("status", 99);
        assertThat(MaasJson.machine(node).status()).isEqualTo(MachineStatus.UNKNOWN);
    }

    @Test
    void currentResultIdsComeFromTheMachine() throws IOException {
        JsonNode node = fixture("machine-allocated.json");
        assertThat(MaasJson.currentResultId(node, ScriptPhase.COMMISSIONING)).isEqualTo(21);
        assertThat(MaasJson.currentResultId(node, ScriptPhase.TESTING)).isEqualTo(22);
        assertThat(MaasJson.currentResultId(fixture("power-state-query.json"), ScriptPhase.TESTING)).isEqualTo(-1);
    }

    @Test
    void commissioningScriptSetYieldsTheFailedScripts() throws IOException {
        JsonNode sets = fixture("script-results-read.json");
        JsonNode commissioning = sets.get(0);
        assertThat(commissioning.path("type_name").asText()).isEqualTo("Commissioning");

        List<ScriptResult> results = MaasJson.scriptResults(commissioning, ScriptPhase.COMMISSIONING, 100, UnaryOperator.identity());

        assertThat(results).hasSize(13);
        assertThat(results).filteredOn(ScriptResult::failed)
                .extracting(ScriptResult::name)
                .containsExactly("00-maas-02-virtuality", "00-maas-03-install-lldpd", "00-maas-06-get-fruid-api-data");
        assertThat(results).filteredOn(ScriptResult::failed)
                .allSatisfy(result -> {
                    assertThat(result.status()).isEqualTo(ScriptStatus.FAILED);
                    assertThat(result.exitStatus()).isEqualTo(1);
                    assertThat(result.phase()).isEqualTo(ScriptPhase.COMMISSIONING);
                    assertThat(result.outputTail()).isEmpty(); // the example was made without include_output
                });
        List<ScriptResult> testing = MaasJson.scriptResults(sets.get(1), ScriptPhase.TESTING, 100, UnaryOperator.identity());
        assertThat(testing).isNotEmpty().noneMatch(ScriptResult::failed);
    }

    @Test
    void outputIsDecodedCutToItsTailAndRedacted() throws IOException {
        ObjectNode set = (ObjectNode) fixture("script-results-read.json").get(0).deepCopy();
        ObjectNode result = (ObjectNode) set.withArray("results").get(3);
        String output = "x".repeat(50) + "\ndisk /dev/sda failed; password=hunter22\n";
        result.put("output", Base64.getEncoder().encodeToString(output.getBytes(StandardCharsets.UTF_8)));
        result.putNull("exit_status");

        ScriptResult parsed = MaasJson.scriptResults(set, ScriptPhase.COMMISSIONING, 40, text -> text.replace("hunter22", "****"))
                .get(3);

        assertThat(parsed.outputTail()).startsWith("…").endsWith("password=****\n").doesNotContain("hunter22");
        assertThat(parsed.outputTail()).hasSize(41 - "hunter22".length() + "****".length());
        assertThat(parsed.exitStatus()).isEqualTo(-1);
        assertThat(parsed.exited()).isFalse();
    }

    @Test
    void powerQueryAnswer() throws IOException {
        assertThat(MaasJson.powerState(fixture("power-state-query.json"))).isEqualTo(PowerState.ON);
    }

    @Test
    void statusCodesAndLabelsFollowMaas() {
        assertThat(MachineStatus.ofCode(0)).isEqualTo(MachineStatus.NEW);
        assertThat(MachineStatus.ofCode(13).label()).isEqualTo("Releasing failed");
        assertThat(MachineStatus.ofCode(22)).isEqualTo(MachineStatus.FAILED_TESTING);
        assertThat(MachineStatus.FAILED_COMMISSIONING.filterName()).isEqualTo("failed_commissioning");
        assertThat(MachineStatus.ofCode(-1)).isEqualTo(MachineStatus.UNKNOWN);
        for (int code = 0; code <= 22; code++) {
            assertThat(MachineStatus.ofCode(code).code()).isEqualTo(code);
        }
        assertThat(ScriptStatus.ofCode(4).failed()).isTrue();
        assertThat(ScriptStatus.ofCode(6).failed()).isFalse();
    }

    private JsonNode fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/maas/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return json.readTree(in);
        }
    }
}
