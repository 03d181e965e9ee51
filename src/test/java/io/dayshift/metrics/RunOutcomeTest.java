package io.dayshift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.junit.jupiter.api.Test;

/**
 * The outcome table matches the models: every runbook (a process started on its own: offered in Tasklist, or nightly on
 * its timer) names its success end, and every end event the table names is an end of that process itself, not of a
 * sub-process, so a renamed end event fails here rather than turning a success into "halted" on a dashboard.
 */
class RunOutcomeTest {

    private final Map<String, BpmnModelInstance> models = models();

    @Test
    void everyRunbookNamesItsSuccessEnd() {
        Set<String> runbooks = models.entrySet().stream().filter(model -> startsOnItsOwn(model.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(runbooks).hasSizeGreaterThanOrEqualTo(11);
        assertThat(RunOutcome.SUCCESS_ENDS.keySet()).containsExactlyInAnyOrderElementsOf(runbooks);
    }

    @Test
    void everyEndTheTableNamesEndsItsProcess() {
        RunOutcome.SUCCESS_ENDS.forEach((runbook, ends) -> assertThat(processEnds(runbook)).as(runbook).containsAll(ends));
        Set<String> allEnds = models.keySet().stream().flatMap(key -> processEnds(key).stream()).collect(Collectors.toSet());
        assertThat(allEnds).containsAll(RunOutcome.REFUSED_ENDS).containsAll(RunOutcome.REJECTED_ENDS);
    }

    @Test
    void theOutcomeOfAnEnd() {
        assertThat(RunOutcome.of("backup-site", "EndEvent_SiteBackedUp")).isEqualTo(RunOutcome.SUCCESS);
        assertThat(RunOutcome.of("backup-site", "EndEvent_BackupIncomplete")).isEqualTo(RunOutcome.HALTED);
        // the same id is a halt in another runbook: success is per runbook
        assertThat(RunOutcome.of("rolling-upgrade", "EndEvent_SiteBackedUp")).isEqualTo(RunOutcome.HALTED);
        assertThat(RunOutcome.of("site-health-check", "EndEvent_SiteGreen")).isEqualTo(RunOutcome.SUCCESS);
        assertThat(RunOutcome.of("site-health-check", "EndEvent_SiteRed")).isEqualTo(RunOutcome.HALTED);
        assertThat(RunOutcome.of("drain-compute-node", "EndEvent_InputRejected")).isEqualTo(RunOutcome.REFUSED);
        assertThat(RunOutcome.of("drain-compute-node", "EndEvent_NotEnoughCapacity")).isEqualTo(RunOutcome.REFUSED);
        assertThat(RunOutcome.of("drain-compute-node", "EndEvent_PlanRejected")).isEqualTo(RunOutcome.REJECTED);
        assertThat(RunOutcome.of("drain-compute-node", "EndEvent_DrainAborted")).isEqualTo(RunOutcome.HALTED);
        assertThat(RunOutcome.of("drain-compute-node", null)).isEqualTo(RunOutcome.HALTED);
        assertThat(RunOutcome.CANCELLED.label()).isEqualTo("cancelled");
    }

    private Set<String> processEnds(String key) {
        BpmnModelInstance model = models.get(key);
        assertThat(model).as("processes/" + key + ".bpmn").isNotNull();
        return model.getModelElementsByType(EndEvent.class).stream().filter(end -> end.getParentElement() instanceof Process)
                .map(EndEvent::getId).collect(Collectors.toSet());
    }

    private static boolean startsOnItsOwn(BpmnModelInstance model) {
        Process process = model.getModelElementsByType(Process.class).iterator().next();
        boolean onATimer = model.getModelElementsByType(StartEvent.class).stream()
                .filter(start -> start.getParentElement() == process)
                .anyMatch(start -> start.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance));
        return process.isCamundaStartableInTasklist() || onATimer;
    }

    private static Map<String, BpmnModelInstance> models() {
        Map<String, BpmnModelInstance> models = new HashMap<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            List<Path> bpmn = files.filter(file -> file.toString().endsWith(".bpmn")).toList();
            for (Path file : bpmn) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                models.put(model.getModelElementsByType(Process.class).iterator().next().getId(), model);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return models;
    }
}
