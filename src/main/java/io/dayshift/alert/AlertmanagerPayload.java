package io.dayshift.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.engine.ProcessVariable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads Alertmanager's webhook body (version "4"). Every problem is named with its JSON path, so a
 * 400 says what to fix; fields Dayshift does not need are not checked.
 */
final class AlertmanagerPayload {

    private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final int MAX_PROBLEMS = 20;

    private AlertmanagerPayload() {
    }

    /** The notification's alerts, or the list of problems with the body. */
    static Parsed parse(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            return Parsed.invalid(List.of("the body is not JSON: " + e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            return Parsed.invalid(List.of("the body could not be read"));
        }
        if (root == null || !root.isObject()) {
            return Parsed.invalid(List.of("the body is not a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        String version = text(root, "version", "version", problems);
        if (version != null && !"4".equals(version)) {
            problems.add("version: '" + version + "' is not supported, only \"4\"");
        }
        status(root, "status", problems);
        JsonNode alertsNode = root.get("alerts");
        List<Alert> alerts = new ArrayList<>();
        if (alertsNode == null || !alertsNode.isArray()) {
            problems.add("alerts: missing or not an array");
        } else {
            for (int i = 0; i < alertsNode.size(); i++) {
                alert(alertsNode.get(i), "alerts[" + i + "]", problems, alerts);
            }
        }
        if (!problems.isEmpty()) {
            return Parsed.invalid(problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems);
        }
        return new Parsed(List.copyOf(alerts), List.of());
    }

    private static void alert(JsonNode node, String path, List<String> problems, List<Alert> alerts) {
        if (node == null || !node.isObject()) {
            problems.add(path + ": not a JSON object");
            return;
        }
        int before = problems.size();
        String status = status(node, path + ".status", problems);
        Map<String, String> labels = strings(node, "labels", path, true, problems);
        if (labels != null && !labels.containsKey("alertname")) {
            problems.add(path + ".labels.alertname: missing");
        }
        Map<String, String> annotations = strings(node, "annotations", path, false, problems);
        oversized(labels, annotations, path, problems);
        String startsAtText = text(node, "startsAt", path + ".startsAt", problems);
        Instant startsAt = null;
        if (startsAtText != null) {
            try {
                startsAt = OffsetDateTime.parse(startsAtText).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(path + ".startsAt: '" + startsAtText + "' is not an RFC 3339 time");
            }
        }
        String fingerprint = text(node, "fingerprint", path + ".fingerprint", problems);
        if (fingerprint != null && !FINGERPRINT.matcher(fingerprint).matches()) {
            problems.add(path + ".fingerprint: not an Alertmanager fingerprint (letters and digits, at most 64)");
        }
        JsonNode generator = node.get("generatorURL");
        if (problems.size() == before) {
            alerts.add(new Alert(status, labels, annotations == null ? Map.of() : annotations, startsAt, fingerprint,
                    generator != null && generator.isTextual() ? generator.asText() : null));
        }
    }

    /**
     * The labels (passed to the run as one JSON text) and the summary (passed as it is) must fit in a run's text variable
     * ({@link ProcessVariable#MAX_TEXT}): a longer one could never start its run, and Alertmanager would retry it for ever.
     */
    private static void oversized(Map<String, String> labels, Map<String, String> annotations, String path, List<String> problems) {
        if (labels != null) {
            int length = 2 + labels.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length() + 6).sum();
            if (length > ProcessVariable.MAX_TEXT) {
                problems.add(path + ".labels: about " + length + " characters as JSON, at most " + ProcessVariable.MAX_TEXT + " are kept");
            }
        }
        String summary = annotations == null ? null : annotations.get("summary");
        if (summary != null && summary.length() > ProcessVariable.MAX_TEXT) {
            problems.add(path + ".annotations.summary: " + summary.length() + " characters, at most " + ProcessVariable.MAX_TEXT + " are kept");
        }
    }

    private static String status(JsonNode node, String path, List<String> problems) {
        String status = text(node, "status", path, problems);
        if (status != null && !status.equals("firing") && !status.equals("resolved")) {
            problems.add(path + ": '" + status + "' is neither firing nor resolved");
            return null;
        }
        return status;
    }

    private static String text(JsonNode node, String field, String path, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problems.add(path + ": missing");
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(path + ": not a non-empty string");
            return null;
        }
        return value.asText();
    }

    private static Map<String, String> strings(JsonNode node, String field, String path, boolean required, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(path + "." + field + ": missing");
            }
            return null;
        }
        if (!value.isObject()) {
            problems.add(path + "." + field + ": not a JSON object");
            return null;
        }
        Map<String, String> result = new TreeMap<>();
        value.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                result.put(entry.getKey(), entry.getValue().asText());
            } else {
                problems.add(path + "." + field + "." + entry.getKey() + ": not a string");
            }
        });
        return result;
    }

    /** The alerts of a well-formed body, or the problems of a malformed one. */
    record Parsed(List<Alert> alerts, List<String> problems) {

        static Parsed invalid(List<String> problems) {
            return new Parsed(List.of(), List.copyOf(problems));
        }

        boolean valid() {
            return problems.isEmpty();
        }
    }
}
