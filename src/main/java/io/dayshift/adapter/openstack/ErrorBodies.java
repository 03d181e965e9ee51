package io.dayshift.adapter.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Finds the human message in an OpenStack error body, whichever service wrote it:
 * Nova {@code {"badRequest": {"message": ..., "code": 400}}}, Neutron {@code {"NeutronError": {"message": ...}}},
 * Keystone {@code {"error": {"message": ...}}}, Placement and Nova's newer errors {@code {"errors": [{"detail": ...}]}},
 * or plain text.
 */
final class ErrorBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = 500;

    private ErrorBodies() {
    }

    static String message(String body) {
        if (body == null || body.isBlank()) {
            return "(no message)";
        }
        try {
            JsonNode root = JSON.readTree(body);
            String found = find(root);
            if (found != null) {
                return shorten(found);
            }
        } catch (IOException notJson) {
            // fall through to the text itself
        }
        return shorten(body.strip());
    }

    private static String find(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode errors = root.get("errors");
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            String detail = first.path("detail").asText("");
            return detail.isEmpty() ? first.path("title").asText(null) : detail;
        }
        var fields = root.fields();
        while (fields.hasNext()) {
            JsonNode value = fields.next().getValue();
            if (value.isObject() && value.hasNonNull("message")) {
                return value.get("message").asText();
            }
        }
        return root.hasNonNull("message") ? root.get("message").asText() : null;
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX ? oneLine : oneLine.substring(0, MAX) + "…";
    }
}
