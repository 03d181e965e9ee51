package io.dayshift.evidence.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A pack as a golden file keeps it: what stays the same from one run of a runbook to the next. Ids, times, hashes and
 * plan fingerprints are replaced by placeholders; what a run does a varying number of times (an await's looks) is listed
 * once, in order of name (which tool called at which step, which steps ran, which kinds of decision were taken).
 */
final class PackOutline {

    private PackOutline() {
    }

    static String of(JsonNode pack) {
        StringBuilder out = new StringBuilder();
        out.append("== ").append(pack.at("/runbook/key").asText()).append(" (deployed version ").append(pack.at("/runbook/version").asInt())
                .append(") on ").append(pack.at("/site").asText()).append('\n');
        line(out, "state", pack.at("/state").asText());
        JsonNode start = pack.at("/start");
        line(out, "started", "how=" + start.path("how").asText() + " by=" + text(start.path("by")) + " event=" + element(start.path("startEvent"))
                + (start.path("alert").isNull() ? "" : " alert=" + start.at("/alert/alertname").asText() + " fingerprint="
                + start.at("/alert/fingerprint").asText() + " severity=" + start.at("/alert/severity").asText()));
        line(out, "inputs", list(pack.path("inputs"), v -> v.path("name").asText() + "=" + normalise(sortedJson(text(v.path("value"))))));
        for (JsonNode plan : pack.path("plans")) {
            line(out, "plan", plan.path("step").asText() + " of " + list(plan.path("variables"), v -> v.path("name").asText()) + ": approved "
                    + normalise(text(plan.path("approved"))) + " by " + plan.path("approvedBy"));
        }
        // an operator's "wait" after a wait's deadline passed depends on how fast the machine is, not on the runbook
        line(out, "decisions", distinct(filter(pack.path("decisions"), d -> !d.path("decision").asText().equals("wait")),
                d -> d.path("kind").asText() + " at " + d.path("step").asText() + ": " + d.path("decision").asText() + " "
                        + normalise(d.path("by").asText())));
        line(out, "calls", distinct(pack.path("calls"), c -> c.path("origin").asText() + " at " + c.path("step").asText()
                + (c.path("committed").asBoolean() ? "" : " (not committed)")));
        line(out, "failures", distinct(pack.path("failures"), f -> f.path("kind").asText() + " at " + f.path("step").asText()));
        line(out, "incidents", distinct(pack.path("incidents"), i -> i.path("type").asText() + " at " + i.path("step").asText() + " " + i.path("state").asText()));
        line(out, "health", list(pack.path("health"), h -> h.path("phase").asText() + " " + h.path("name").asText()
                + (h.path("name").asText().toLowerCase().endsWith("health") ? "=" + text(h.path("value")) : "")));
        line(out, "timers", list(pack.at("/limits/timers"), t -> t.path("id").asText() + " (" + normalise(t.path("expression").asText()) + ")"
                + (t.path("dueAt").isNull() ? "" : " due") + (t.path("firedAt").isNull() ? "" : " fired")));
        line(out, "limits", list(pack.at("/limits/values"), v -> v.path("name").asText()));
        line(out, "steps", distinct(pack.path("steps"), s -> s.path("id").asText()));
        line(out, "end", element(pack.at("/result/endEvent")));
        line(out, "summary", normalise(text(pack.at("/result/summary"))));
        line(out, "chain", "intact=" + pack.at("/verification/intact").asBoolean() + ", entries " + (pack.at("/verification/entries").asLong() > 0
                ? "some" : "none"));
        return out.toString();
    }

    /** Ids, times, hashes, fingerprints and durations as placeholders. */
    static String normalise(String text) {
        return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?", "<time>")
                .replaceAll("\\b\\d{8}T\\d{6}Z?\\b", "<time>")
                .replaceAll("\\b\\d{2}-\\d{2}-\\d{4}-\\d+\\b", "<time>")
                .replaceAll("\\b[0-9a-f]{64}\\b", "<hash>")
                .replaceAll("\\b[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}\\b", "<fingerprint>")
                .replaceAll("\\b\\d+(\\.\\d+)? ?(ms|s|min|minutes|seconds)\\b", "<duration>");
    }

    /** A JSON object's text with its fields in order of name (a map's order is not the pack's business); other text as it is. */
    static String sortedJson(String text) {
        if (!text.startsWith("{")) {
            return text;
        }
        try {
            ObjectMapper sorted = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
            return sorted.writeValueAsString(sorted.readValue(text, java.util.TreeMap.class));
        } catch (java.io.IOException notJson) {
            return text;
        }
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(value).append('\n');
    }

    private static String list(JsonNode array, Function<JsonNode, String> each) {
        List<String> items = new java.util.ArrayList<>();
        array.forEach(item -> items.add(each.apply(item)));
        return items.isEmpty() ? "none" : String.join("; ", items);
    }

    private static List<JsonNode> filter(JsonNode array, java.util.function.Predicate<JsonNode> keep) {
        List<JsonNode> kept = new java.util.ArrayList<>();
        array.forEach(item -> {
            if (keep.test(item)) {
                kept.add(item);
            }
        });
        return kept;
    }

    private static String distinct(Iterable<JsonNode> array, Function<JsonNode, String> each) {
        TreeSet<String> items = new TreeSet<>();
        array.forEach(item -> items.add(each.apply(item)));
        return items.isEmpty() ? "none" : String.join("; ", items);
    }

    private static String element(JsonNode element) {
        return element.isNull() || element.isMissingNode() ? "none" : element.path("id").asText() + " (" + text(element.path("name")) + ")";
    }

    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? "null" : value.asText();
    }
}
