package io.dayshift.adapter.juju;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.charm.Application;
import io.dayshift.charm.EntityStatus;
import io.dayshift.charm.Machine;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code juju status --format=json} of Juju 2.9 and 3.x into our records, ignoring every field it does not
 * need (the format grows with each release).
 */
final class JujuStatusParser {

    private static final Pattern ZONE = Pattern.compile("(?:^|\\s)availability-zone=(\\S+)");

    private final ObjectMapper json;

    JujuStatusParser(ObjectMapper json) {
        this.json = json;
    }

    /** @throws IllegalArgumentException when the text is not a status document */
    ModelStatus parse(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.has("model")) {
            throw new IllegalArgumentException("no 'model' in the status document");
        }
        JsonNode model = root.path("model");
        Map<String, Machine> machines = new LinkedHashMap<>();
        root.path("machines").properties().forEach(e -> addMachine(e.getKey(), e.getValue(), machines));
        Map<String, Application> applications = new LinkedHashMap<>();
        root.path("applications").properties().forEach(e -> applications.put(e.getKey(), application(e.getKey(), e.getValue())));
        return new ModelStatus(text(model, "name"), text(model, "version"), applications, machines);
    }

    private void addMachine(String id, JsonNode node, Map<String, Machine> into) {
        String hardware = text(node, "hardware");
        Matcher zone = ZONE.matcher(hardware);
        into.put(id, new Machine(id, status(node.path("juju-status")), status(node.path("machine-status")), text(node, "instance-id"),
                text(node, "hostname"), zone.find() ? zone.group(1) : "", hardware, text(node, "constraints")));
        node.path("containers").properties().forEach(e -> addMachine(e.getKey(), e.getValue(), into));
    }

    private Application application(String name, JsonNode node) {
        List<String> subordinateTo = new ArrayList<>();
        node.path("subordinate-to").forEach(n -> subordinateTo.add(n.asText()));
        Map<String, List<String>> relations = new LinkedHashMap<>();
        node.path("relations").properties().forEach(e -> {
            List<String> related = new ArrayList<>();
            for (JsonNode r : e.getValue()) {
                // Juju 2.9: ["rabbitmq-server"]; Juju 3.6: [{"related-application": "nrpe", "interface": …, "scope": …}]
                related.add(r.isObject() ? text(r, "related-application") : r.asText());
            }
            relations.put(e.getKey(), List.copyOf(related));
        });
        Map<String, Unit> units = new LinkedHashMap<>();
        node.path("units").properties().forEach(e -> units.put(e.getKey(), unit(e.getKey(), e.getValue(), "")));
        String charm = node.has("charm-name") ? text(node, "charm-name") : text(node, "charm");
        return new Application(name, charm, text(node, "charm-channel"), node.path("charm-rev").asInt(-1), text(node, "can-upgrade-to"),
                status(node.path("application-status")), text(node, "version"), subordinateTo, relations, units);
    }

    private Unit unit(String name, JsonNode node, String principalMachine) {
        String machine = node.has("machine") ? text(node, "machine") : principalMachine;
        Map<String, Unit> subordinates = new LinkedHashMap<>();
        node.path("subordinates").properties().forEach(e -> subordinates.put(e.getKey(), unit(e.getKey(), e.getValue(), machine)));
        // Juju 2.x before 2.? called the agent status "agent-status"; 2.9 and 3.x call it "juju-status".
        JsonNode agent = node.has("juju-status") ? node.path("juju-status") : node.path("agent-status");
        return new Unit(name, status(node.path("workload-status")), status(agent), machine, node.path("leader").asBoolean(false),
                text(node, "public-address"), subordinates);
    }

    private static EntityStatus status(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return EntityStatus.UNKNOWN;
        }
        return new EntityStatus(node.path("current").asText("unknown"), node.path("message").asText(""));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() ? value.asText() : "";
    }
}
