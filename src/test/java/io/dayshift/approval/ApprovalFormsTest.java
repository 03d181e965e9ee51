package io.dayshift.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every approval form that shows a plan shows it as tables: each approval step of every model whose {@code plan} names
 * variables has a form with at least one table; every table reads a variable of that {@code plan} (so the fingerprint the
 * approver approves covers it, and only the engine writes it); the plan's text, when the form shows it, comes after the
 * tables. The Sev-1 post-mortem form shows the incident's timeline.
 */
class ApprovalFormsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyApprovalOfAPlanShowsItAsTablesCoveredByItsFingerprintWithTheTextBelow() throws IOException {
        Map<String, JsonNode> forms = forms();
        List<String> checked = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:*.bpmn")) {
            BpmnModelInstance model;
            try (InputStream in = resource.getInputStream()) {
                model = Bpmn.readModelFromStream(in);
            }
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                List<String> plan = planOf(task);
                if (task.getCamundaCandidateGroups() == null || !task.getCamundaCandidateGroups().contains(Approvals.APPROVERS) || plan.isEmpty()) {
                    continue;
                }
                String where = resource.getFilename() + " " + task.getId();
                JsonNode form = forms.get(task.getCamundaFormRef());
                assertThat(form).as("the form of %s", where).isNotNull();
                List<JsonNode> tables = components(form, "table");
                assertThat(tables).as("tables of %s (%s)", where, task.getCamundaFormRef()).isNotEmpty();
                for (JsonNode table : tables) {
                    String source = table.path("dataSource").asText().replaceFirst("^=", "");
                    assertThat(plan).as("the plan of %s covers the table %s (%s)", where, table.path("id").asText(), source)
                            .contains(source.split("\\.")[0]);
                    assertThat(table.path("columns")).as("columns of %s in %s", table.path("id").asText(), where).isNotEmpty();
                }
                int lastTable = index(form, tables.get(tables.size() - 1));
                for (JsonNode field : components(form, "textarea")) {
                    if (plan.contains(field.path("key").asText()) && field.path("readonly").asBoolean()) {
                        assertThat(index(form, field)).as("the plan's text %s below its tables in %s", field.path("key").asText(), where)
                                .isGreaterThan(lastTable);
                    }
                }
                checked.add(where);
            }
        }
        assertThat(checked).as("approval steps with a plan").contains("drain-compute-node.bpmn Task_ApprovePlan", "rolling-upgrade.bpmn Task_ApprovePlan",
                "rolling-upgrade.bpmn Task_ApproveRollback", "add-compute-node.bpmn Task_ApproveAddition", "add-compute-node.bpmn Task_ApproveRollback",
                "dr-restore.bpmn Task_ApproveDataLoss", "dr-restore.bpmn Task_ApproveRestore", "sev1-incident.bpmn Task_ApproveMitigation");
    }

    @Test
    void thePostMortemFormShowsTheIncidentsTimeline() throws IOException {
        JsonNode form = forms().get("sev1-incident-write-post-mortem");
        assertThat(components(form, "table")).singleElement().satisfies(table -> {
            assertThat(table.path("dataSource").asText()).isEqualTo("=timeline.entries");
            assertThat(table.path("columns").findValuesAsText("key")).containsExactly("at", "what", "who", "detail");
        });
    }

    private static List<String> planOf(UserTask task) {
        if (task.getExtensionElements() == null) {
            return List.of();
        }
        return task.getExtensionElements().getElementsQuery().filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
                .flatMap(p -> p.getCamundaProperties().stream())
                .filter(p -> Approvals.PLAN_PROPERTY.equals(p.getCamundaName()))
                .map(CamundaProperty::getCamundaValue)
                .flatMap(v -> Arrays.stream(v.split(",")).map(String::strip))
                .toList();
    }

    private static Map<String, JsonNode> forms() throws IOException {
        Map<String, JsonNode> forms = new HashMap<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:*.form")) {
            try (InputStream in = resource.getInputStream()) {
                JsonNode form = JSON.readTree(in);
                forms.put(form.path("id").asText(), form);
            }
        }
        return forms;
    }

    private static List<JsonNode> components(JsonNode form, String type) {
        List<JsonNode> found = new ArrayList<>();
        form.path("components").forEach(c -> {
            if (type.equals(c.path("type").asText())) {
                found.add(c);
            }
        });
        return found;
    }

    private static int index(JsonNode form, JsonNode component) {
        for (int i = 0; i < form.path("components").size(); i++) {
            if (form.path("components").get(i).path("id").asText().equals(component.path("id").asText())) {
                return i;
            }
        }
        return -1;
    }
}
