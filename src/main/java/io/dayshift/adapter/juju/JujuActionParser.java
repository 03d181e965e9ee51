package io.dayshift.adapter.juju;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the JSON of an action run: Juju 3 {@code juju run <unit> <action> --format=json} (keyed by unit name) and
 * Juju 2.9 {@code juju run-action <unit> <action> --wait --format=json} (keyed by the unit tag
 * {@code unit-<app>-<n>}).
 */
final class JujuActionParser {

    /** One task as printed. {@code returnCode} is -1 when Juju gave none. */
    record Task(String id, String status, String message, Map<String, String> results, int returnCode, String stdout, String stderr) {

        boolean succeeded() {
            return "completed".equals(status) && returnCode <= 0;
        }
    }

    private final ObjectMapper json;

    JujuActionParser(ObjectMapper json) {
        this.json = json;
    }

    /** The task of {@code unit}, if the text is such a document. */
    Optional<Task> parse(String text, String unit) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode entry = root.get(unit);
        if (entry == null) {
            entry = root.get("unit-" + unit.replace('/', '-'));
        }
        if (entry == null && root.size() == 1) {
            entry = root.elements().next();
        }
        if (entry == null || !entry.isObject() || !entry.has("status")) {
            return Optional.empty();
        }
        JsonNode results = entry.path("results");
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", results, flat);
        int returnCode = number(firstOf(flat, "return-code", "Code", "ReturnCode"));
        String stdout = firstOf(flat, "stdout", "Stdout");
        String stderr = firstOf(flat, "stderr", "Stderr");
        for (String special : new String[] {"return-code", "Code", "ReturnCode", "stdout", "Stdout", "stderr", "Stderr"}) {
            flat.remove(special);
        }
        return Optional.of(new Task(entry.path("id").asText(""), entry.path("status").asText(""), entry.path("message").asText(""),
                flat, returnCode, stdout, stderr));
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into);
            }
        } else if (node.isValueNode() && !prefix.isEmpty()) {
            into.put(prefix, node.asText());
        } else if (node.isArray() && !prefix.isEmpty()) {
            into.put(prefix, node.toString());
        }
    }

    private static String firstOf(Map<String, String> flat, String... keys) {
        for (String key : keys) {
            if (flat.containsKey(key)) {
                return flat.get(key);
            }
        }
        return "";
    }

    private static int number(String text) {
        try {
            return text.isEmpty() ? -1 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
