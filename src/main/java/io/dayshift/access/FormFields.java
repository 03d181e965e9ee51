package io.dayshift.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * The fields of a Camunda Form ({@code camunda:formRef}, a {@code .form} deployed with the processes): every component's
 * {@code key}, nested components included, split into those a person may edit and those shown read-only.
 */
record FormFields(String form, Set<String> editable, Set<String> readonly) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final FormFields NONE = new FormFields("no form", Set.of(), Set.of());

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
            collect(form.path("components"), editable, readonly);
            return new FormFields(form.path("id").asText("a form"), editable, readonly);
        } catch (IOException e) {
            throw new UncheckedIOException("a deployed form is not JSON", e);
        }
    }

    private static void collect(JsonNode components, Set<String> editable, Set<String> readonly) {
        for (JsonNode component : components) {
            String key = component.path("key").asText("");
            if (!key.isEmpty()) {
                boolean shownOnly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
                (shownOnly ? readonly : editable).add(key);
            }
            collect(component.path("components"), editable, readonly);
        }
    }

    /** The fields, as a refusal lists them. */
    String described() {
        return editable.isEmpty() ? "no fields a person fills in (" + form + ")" : "the fields " + String.join(", ", editable) + " (" + form + ")";
    }
}
