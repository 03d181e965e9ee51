package io.dayshift.evidence.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a pack against {@code docs/evidence-pack.schema.json}, for the part of JSON Schema that file uses: {@code type}
 * (one or a list), {@code const}, {@code enum}, {@code pattern}, {@code required}, {@code properties},
 * {@code additionalProperties: false}, {@code items}, {@code oneOf} and {@code $ref} into {@code $defs}. A keyword it does
 * not know fails the check, so that the schema cannot grow past what is checked. The list of what does not match, by
 * JSON pointer; empty when the pack matches.
 */
final class PackSchema {

    static final Path FILE = Path.of("docs", "evidence-pack.schema.json");
    private static final List<String> KNOWN = List.of("$schema", "$id", "title", "description", "type", "const", "enum", "pattern", "required",
            "properties", "additionalProperties", "items", "oneOf", "$ref", "$defs");

    private final JsonNode schema;

    private PackSchema(JsonNode schema) {
        this.schema = schema;
    }

    static PackSchema load() {
        try {
            return new PackSchema(new ObjectMapper().readTree(FILE.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> problems(JsonNode pack) {
        List<String> problems = new ArrayList<>();
        check(schema, pack, "", problems);
        return problems;
    }

    private void check(JsonNode rule, JsonNode value, String at, List<String> problems) {
        for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name)) {
                problems.add(at + ": the schema uses '" + name + "', which this check does not know");
            }
        }
        if (rule.has("$ref")) {
            String ref = rule.get("$ref").asText();
            check(schema.at(ref.substring(1)), value, at, problems);
            return;
        }
        if (rule.has("oneOf")) {
            int matching = 0;
            for (JsonNode option : rule.get("oneOf")) {
                List<String> own = new ArrayList<>();
                check(option, value, at, own);
                matching += own.isEmpty() ? 1 : 0;
            }
            if (matching != 1) {
                problems.add(at + ": matches " + matching + " of the options of oneOf, not one");
            }
            return;
        }
        if (rule.has("const") && !rule.get("const").equals(value)) {
            problems.add(at + ": expected " + rule.get("const") + ", got " + value);
        }
        if (rule.has("enum")) {
            boolean found = false;
            for (JsonNode option : rule.get("enum")) {
                found |= option.equals(value);
            }
            if (!found) {
                problems.add(at + ": " + value + " is not one of " + rule.get("enum"));
            }
        }
        if (rule.has("type")) {
            List<String> types = new ArrayList<>();
            if (rule.get("type").isArray()) {
                rule.get("type").forEach(t -> types.add(t.asText()));
            } else {
                types.add(rule.get("type").asText());
            }
            if (!types.contains(type(value))) {
                problems.add(at + ": expected " + types + ", got " + type(value));
                return;
            }
        }
        if (rule.has("pattern") && value.isTextual() && !value.asText().matches(".*(" + rule.get("pattern").asText() + ").*")) {
            problems.add(at + ": '" + value.asText() + "' does not match " + rule.get("pattern").asText());
        }
        if (value.isObject()) {
            JsonNode properties = rule.path("properties");
            rule.path("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    problems.add(at + ": required '" + r.asText() + "' is missing");
                }
            });
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), at + "/" + field.getKey(), problems);
                } else if (rule.path("additionalProperties").isBoolean() && !rule.get("additionalProperties").asBoolean()) {
                    problems.add(at + ": '" + field.getKey() + "' is not in the schema");
                }
            }
        }
        if (value.isArray() && rule.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(rule.get("items"), value.get(i), at + "/" + i, problems);
            }
        }
    }

    private static String type(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        return value.isTextual() ? "string" : value.isBoolean() ? "boolean" : value.isArray() ? "array" : "object";
    }
}
