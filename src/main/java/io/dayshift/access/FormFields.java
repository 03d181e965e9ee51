package io.dayshift.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.engine.ProcessVariable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The fields of a Camunda Form ({@code camunda:formRef}, a {@code .form} deployed with the processes): every component's
 * {@code key}, nested components included, split into those a person may edit and those shown read-only, and what each
 * editable field takes ({@link Shape}).
 */
record FormFields(String form, Set<String> editable, Set<String> readonly, Map<String, Shape> shapes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The most characters a run keeps in one text variable; a form may allow fewer. */
    static final int MAX_TEXT = ProcessVariable.MAX_TEXT;

    static final FormFields NONE = new FormFields("no form", Set.of(), Set.of(), Map.of());

    /** What a field takes: text (of at most {@code maxLength} characters), a number or a yes/no. */
    enum Kind {
        TEXT("text"), NUMBER("a number"), YES_NO("yes or no (a boolean)");

        private final String described;

        Kind(String described) {
            this.described = described;
        }
    }

    record Shape(Kind kind, int maxLength) {
    }

    /** The fields of the form the engine deploys for a task or a start event; {@link #NONE} when it has no Camunda Form. */
    static FormFields of(Supplier<InputStream> deployedForm) {
        InputStream stream;
        try {
            stream = deployedForm.get();
        } catch (ProcessEngineException noForm) {
            return NONE;
        }
        try (InputStream in = stream) {
            JsonNode form = JSON.readTree(in);
            Set<String> editable = new TreeSet<>();
            Set<String> readonly = new TreeSet<>();
            Map<String, Shape> shapes = new TreeMap<>();
            collect(form.path("components"), editable, readonly, shapes);
            return new FormFields(form.path("id").asText("a form"), editable, readonly, shapes);
        } catch (IOException e) {
            throw new UncheckedIOException("a deployed form is not JSON", e);
        }
    }

    private static void collect(JsonNode components, Set<String> editable, Set<String> readonly, Map<String, Shape> shapes) {
        for (JsonNode component : components) {
            String key = component.path("key").asText("");
            if (!key.isEmpty()) {
                boolean shownOnly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
                (shownOnly ? readonly : editable).add(key);
                kind(component.path("type").asText("")).ifPresent(kind -> shapes.put(key,
                        new Shape(kind, Math.min(MAX_TEXT, component.path("validate").path("maxLength").asInt(MAX_TEXT)))));
            }
            collect(component.path("components"), editable, readonly, shapes);
        }
    }

    private static Optional<Kind> kind(String componentType) {
        return switch (componentType) {
            case "textfield", "textarea", "select", "radio", "datetime" -> Optional.of(Kind.TEXT);
            case "number" -> Optional.of(Kind.NUMBER);
            case "checkbox" -> Optional.of(Kind.YES_NO);
            default -> Optional.empty();
        };
    }

    /**
     * What is wrong with {@code value} for the field {@code name}, in words: a value of another type than the field takes,
     * or text longer than it keeps; empty when the field takes it (or the form does not say what the field takes). An
     * empty value is the runbook's to judge: it says what to give.
     */
    Optional<String> problem(String name, TypedValue value) {
        Shape shape = shapes.get(name);
        if (shape == null || value == null) {
            return Optional.empty();
        }
        ValueType type = value.getType();
        if (type != null && !type.isPrimitiveValueType()) {
            return Optional.of(name + ": a value of type " + type.getName() + " was given, the field takes " + shape.kind().described);
        }
        Object raw = value.getValue();
        if (raw == null) {
            return Optional.empty();
        }
        Kind given = raw instanceof String ? Kind.TEXT : raw instanceof Number ? Kind.NUMBER : raw instanceof Boolean ? Kind.YES_NO : null;
        if (given != shape.kind()) {
            String what = given == Kind.TEXT ? "text" : given == Kind.NUMBER ? "a number" : given == Kind.YES_NO ? "a boolean"
                    : "a " + raw.getClass().getSimpleName();
            return Optional.of(name + ": " + what + " was given, the field takes " + shape.kind().described);
        }
        if (raw instanceof String text && text.length() > shape.maxLength()) {
            return Optional.of(name + ": " + text.length() + " characters were given, the field takes at most " + shape.maxLength());
        }
        return Optional.empty();
    }

    /** The fields, as a refusal lists them. */
    String described() {
        return editable.isEmpty() ? "no fields a person fills in (" + form + ")" : "the fields " + String.join(", ", editable) + " (" + form + ")";
    }
}
