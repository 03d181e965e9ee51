package io.dayshift.adapter.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Small null-safe readers for OpenStack JSON. */
final class Json {

    private Json() {
    }

    /** A field's text; empty for missing, null or blank values. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        String text = value.asText();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    static String required(JsonNode node, String field) {
        return text(node, field).orElseThrow(() -> new IllegalStateException("answer lacks '" + field + "'"));
    }

    static long number(JsonNode node, String field) {
        return node.path(field).asLong(0);
    }

    /** OpenStack writes times with or without offset ({@code 2026-11-21T08:07:20.000000}); without one they are UTC. */
    static Optional<Instant> instant(JsonNode node, String field) {
        return text(node, field).map(t -> {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            }
        });
    }
}
