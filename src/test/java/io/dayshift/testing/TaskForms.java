package io.dayshift.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a task's Camunda Form needs of the task, checked as Tasklist loads it: the form from
 * {@code GET /task/{id}/deployed-form}, the variables from {@code GET /task/{id}/form-variables}. Every variable the form
 * reads — a {@code {{…}}} of a text or HTML view, the key of a read-only field, the data source of a table, a name in a
 * condition, the list of a select or radio ({@code valuesKey}) — must be one the task has; every table's data source must
 * be a list whose rows have each column's key, every {@code valuesKey} a list of {@code {label, value}}.
 */
public final class TaskForms {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([#/]?)([^}]*)}}");
    private static final Pattern NAME = Pattern.compile("(?<![.\\w\"])([A-Za-z_][A-Za-z0-9_]*)(?![\\w(])");
    private static final Set<String> FEEL_WORDS = Set.of("not", "and", "or", "is", "empty", "null", "true", "false", "if", "then", "else",
            "for", "in", "return", "some", "every", "satisfies", "this");

    private TaskForms() {
    }

    /** The form of the task and its variables, as Tasklist fetches them. */
    public record Loaded(JsonNode form, JsonNode variables) {

        /** The value of a variable, parsed when it is JSON (as Tasklist parses it for the form). */
        public JsonNode value(String name) {
            JsonNode variable = variables.path(name);
            JsonNode value = variable.path("value");
            boolean json = "Json".equals(variable.path("type").asText())
                    || "application/json".equals(variable.path("valueInfo").path("serializationDataFormat").asText());
            try {
                return json && value.isTextual() ? JSON.readTree(value.asText()) : value;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError("variable " + name + " is not JSON: " + value, e);
            }
        }

        /** The rows of a table of the form, by the table's id. */
        public JsonNode rows(String tableId) {
            for (JsonNode component : components(form)) {
                if (tableId.equals(component.path("id").asText())) {
                    return resolve(this, component.path("dataSource").asText());
                }
            }
            throw new AssertionError("the form " + form.path("id").asText() + " has no table " + tableId);
        }
    }

    /**
     * The body of {@code POST /task/{id}/submit-form} as Tasklist sends it: every field of the form that has a key, the
     * read-only ones with the value the task showed (Tasklist sends them back), the others with {@code answers}.
     */
    public static String submission(Loaded loaded, Map<String, Object> answers) {
        com.fasterxml.jackson.databind.node.ObjectNode variables = JSON.createObjectNode();
        for (JsonNode component : components(loaded.form())) {
            String key = component.path("key").asText("");
            if (!key.isEmpty() && component.path("readonly").asBoolean(false) && loaded.variables().has(key)) {
                JsonNode shown = loaded.variables().path(key);
                variables.putObject(key).put("type", shown.path("type").asText()).set("value", shown.path("value"));
            }
        }
        answers.forEach((key, value) -> variables.putObject(key).set("value", JSON.valueToTree(value)));
        return JSON.createObjectNode().set("variables", variables).toString();
    }

    /** Loads the task's form as {@code user} and checks that it reads only what the task has. */
    public static Loaded check(Http user, String taskId) throws Exception {
        HttpResponse<String> form = user.get("/engine-rest/task/" + taskId + "/deployed-form");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        HttpResponse<String> variables = user.get("/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false");
        assertThat(variables.statusCode()).as(variables.body()).isEqualTo(200);
        Loaded loaded = new Loaded(JSON.readTree(form.body()), JSON.readTree(variables.body()));
        String formId = loaded.form().path("id").asText();
        Set<String> present = new TreeSet<>();
        loaded.variables().fieldNames().forEachRemaining(present::add);
        assertThat(present).as("the variables of the task of form %s", formId).containsAll(references(loaded.form()));
        for (JsonNode component : components(loaded.form())) {
            if (component.hasNonNull("valuesKey")) {
                JsonNode values = loaded.value(component.path("valuesKey").asText());
                assertThat(values.isArray()).as("list %s of form %s: %s is a list", component.path("id").asText(), formId, component.path("valuesKey").asText())
                        .isTrue();
                values.forEach(value -> assertThat(value.hasNonNull("label") && value.hasNonNull("value"))
                        .as("list %s of form %s: each value has a label and a value (%s)", component.path("id").asText(), formId, value).isTrue());
            }
            if ("table".equals(component.path("type").asText())) {
                JsonNode rows = resolve(loaded, component.path("dataSource").asText());
                assertThat(rows.isArray()).as("table %s of form %s: %s is a list", component.path("id").asText(), formId,
                        component.path("dataSource").asText()).isTrue();
                for (JsonNode row : rows) {
                    for (JsonNode column : component.path("columns")) {
                        assertThat(row.has(column.path("key").asText())).as("table %s of form %s: each row has %s (%s)", component.path("id").asText(),
                                formId, column.path("key").asText(), row).isTrue();
                    }
                }
            }
        }
        return loaded;
    }

    /** The variables a form reads: its templates, the keys of its read-only fields, its tables' data sources, its conditions. */
    public static Set<String> references(JsonNode form) {
        Set<String> names = new TreeSet<>();
        for (JsonNode component : components(form)) {
            for (String template : List.of(component.path("text").asText(""), component.path("content").asText(""), component.path("label").asText(""))) {
                int loops = 0;
                Matcher m = TEMPLATE.matcher(template);
                while (m.find()) {
                    if ("/".equals(m.group(1))) {
                        loops--;
                        continue;
                    }
                    String expression = m.group(2).strip().replaceFirst("^(loop|if)\\s+", "");
                    if (loops == 0 || "#".equals(m.group(1))) {
                        names.addAll(feelNames(expression));
                    }
                    if ("#".equals(m.group(1))) {
                        loops++;
                    }
                }
            }
            if (component.path("readonly").asBoolean(false) && component.hasNonNull("key")) {
                names.add(component.path("key").asText());
            }
            if (component.hasNonNull("valuesKey")) {
                names.add(component.path("valuesKey").asText());
            }
            for (String expression : List.of(component.path("dataSource").asText(""), component.path("columnsExpression").asText(""),
                    component.path("conditional").path("hide").asText(""))) {
                names.addAll(feelNames(expression.startsWith("=") ? expression.substring(1) : expression));
            }
        }
        return names;
    }

    private static Set<String> feelNames(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(expression.replaceAll("\"[^\"]*\"", "\"\""));
        while (m.find()) {
            if (!FEEL_WORDS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static JsonNode resolve(Loaded loaded, String dataSource) {
        String[] path = dataSource.replaceFirst("^=", "").strip().split("\\.");
        JsonNode at = loaded.value(path[0]);
        for (int i = 1; i < path.length; i++) {
            at = at.path(path[i]);
        }
        return at;
    }

    private static List<JsonNode> components(JsonNode form) {
        List<JsonNode> all = new ArrayList<>();
        Iterator<JsonNode> it = form.path("components").elements();
        while (it.hasNext()) {
            JsonNode c = it.next();
            all.add(c);
            all.addAll(components(c));
        }
        return all;
    }

    /** For a table row: its fields as text. */
    public static Map<String, String> fields(JsonNode row) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        row.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        return fields;
    }
}
