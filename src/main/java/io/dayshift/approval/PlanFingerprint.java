package io.dayshift.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A short fingerprint of a plan: SHA-256 over the canonical form of the variables that make it up (JSON, names and
 * object fields in alphabetical order), its first 12 hex digits in three groups, e.g. {@code 3f9a-12bc-77e0}. The same
 * plan always gives the same fingerprint, on any node and after any restart; any change to it gives another.
 */
public final class PlanFingerprint {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private PlanFingerprint() {
    }

    /** The fingerprint of the plan made of {@code variables} as {@code scope} sees them now. */
    public static String of(VariableScope scope, List<String> variables) {
        return hash(canonical(scope, variables));
    }

    /** The canonical form: one JSON object, the plan's variables by name, every object's fields sorted. */
    static String canonical(VariableScope scope, List<String> variables) {
        ObjectNode plan = JSON.createObjectNode();
        for (String name : new TreeSet<>(variables)) {
            plan.set(name, value(scope.getVariableTyped(name, false)));
        }
        try {
            return JSON.writeValueAsString(JSON.convertValue(plan, Object.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode value(TypedValue value) {
        if (value instanceof SerializableValue serializable) {
            try {
                return serializable.getValueSerialized() == null ? JSON.nullNode() : JSON.readTree(serializable.getValueSerialized());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a plan variable is not JSON: " + e.getOriginalMessage(), e);
            }
        }
        return value == null || value.getValue() == null ? JSON.nullNode() : JSON.valueToTree(value.getValue());
    }

    static String hash(String canonical) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
            return hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
