package io.dayshift.adapter.maas;

import com.fasterxml.jackson.databind.JsonNode;
import io.dayshift.machine.CommissioningState;
import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.PowerState;
import io.dayshift.machine.ScriptPhase;
import io.dayshift.machine.ScriptResult;
import io.dayshift.machine.ScriptStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Maps MAAS API 2.0 JSON into our records. Shapes: machine objects are {@code DISPLAYED_MACHINE_FIELDS}
 * of {@code src/maasserver/api/machines.py}; script sets are {@code NodeScriptResultHandler} of
 * {@code src/maasserver/api/scriptresults.py}.
 */
final class MaasJson {

    private MaasJson() {
    }

    static Machine machine(JsonNode node) {
        String systemId = node.path("system_id").asText("");
        if (systemId.isEmpty()) {
            throw new IllegalArgumentException("a MAAS machine object without system_id");
        }
        return new Machine(
                systemId,
                text(node, "hostname"),
                status(node),
                text(node, "status_message"),
                text(node, "owner"),
                strings(node.path("tag_names")),
                PowerState.of(text(node, "power_state")),
                text(node.path("zone"), "name"),
                text(node.path("pool"), "name"),
                node.path("cpu_count").asInt(0),
                node.path("memory").asLong(0),
                Math.round(node.path("storage").asDouble(0)),
                strings(node.path("ip_addresses")),
                text(node, "distro_series"));
    }

    static List<Machine> machines(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("MAAS did not answer the machine listing with a JSON array");
        }
        List<Machine> machines = new ArrayList<>();
        array.forEach(node -> machines.add(machine(node)));
        return machines;
    }

    static CommissioningState commissioningState(JsonNode node) {
        MachineStatus status = status(node);
        return new CommissioningState(
                text(node, "system_id"),
                text(node, "hostname"),
                status,
                CommissioningState.phaseOf(status),
                text(node, "commissioning_status_name"),
                text(node, "testing_status_name"),
                text(node, "status_message"));
    }

    /** The machine's current script set id for the phase ({@code current_commissioning_result_id}…), or -1. */
    static long currentResultId(JsonNode machine, ScriptPhase phase) {
        JsonNode id = machine.path(phase == ScriptPhase.COMMISSIONING ? "current_commissioning_result_id" : "current_testing_result_id");
        return id.canConvertToLong() ? id.asLong() : -1;
    }

    /**
     * The results of one script set ({@code GET nodes/{id}/results/{set}/?include_output=true}); output, when
     * present, is base64 and is cut to its last {@code tailChars} characters, then passed through {@code redact}.
     */
    static List<ScriptResult> scriptResults(JsonNode scriptSet, ScriptPhase phase, int tailChars, UnaryOperator<String> redact) {
        List<ScriptResult> results = new ArrayList<>();
        for (JsonNode result : scriptSet.path("results")) {
            JsonNode exit = result.path("exit_status");
            results.add(new ScriptResult(
                    phase,
                    text(result, "name"),
                    ScriptStatus.ofCode(result.path("status").asInt(-1)),
                    exit.isIntegralNumber() ? exit.asInt() : -1,
                    redact.apply(tail(decode(result.path("output")), tailChars))));
        }
        return results;
    }

    static PowerState powerState(JsonNode query) {
        return PowerState.of(query.path("state").asText(null));
    }

    private static String decode(JsonNode output) {
        if (!output.isTextual() || output.asText().isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getMimeDecoder().decode(output.asText()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "(output not readable: not base64)";
        }
    }

    static String tail(String text, int chars) {
        if (text.length() <= chars) {
            return text;
        }
        return chars == 0 ? "" : "…" + text.substring(text.length() - chars);
    }

    private static MachineStatus status(JsonNode node) {
        JsonNode status = node.path("status");
        return status.isIntegralNumber() ? MachineStatus.ofCode(status.asInt()) : MachineStatus.UNKNOWN;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
