package io.dayshift.runbook;

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
 * its timer) names its success end, every end of a runbook's process itself has exactly one outcome, and every end the
 * table names exists, so that a renamed or new end event fails here rather than being miscounted on a dashboard or
 * missorted on an auditor's page.
 */
class RunOutcomeTest {

    private final Map<String, BpmnModelInstance> models = models();

    @Test
    void everyRunbookNamesItsSuccessEnd() {
        assertThat(runbooks()).hasSizeGreaterThanOrEqualTo(11);
        assertThat(RunOutcome.SUCCESS_ENDS.keySet()).containsExactlyInAnyOrderElementsOf(runbooks());
        RunOutcome.SUCCESS_ENDS.forEach((runbook, end) -> assertThat(processEnds(runbook)).as(runbook).contains(end));
    }

    @Test
    void everyEndOfEveryRunbookHasExactlyOneOutcomeAndEveryListedEndExists() {
        Set<String> allEnds = runbooks().stream().flatMap(runbook -> processEnds(runbook).stream()).collect(Collectors.toSet());
        for (String runbook : runbooks()) {
            for (String end : processEnds(runbook)) {
                long lists = RunOutcome.OTHER_ENDS.values().stream().filter(ends -> ends.contains(end)).count();
                boolean success = end.equals(RunOutcome.SUCCESS_ENDS.get(runbook));
                assertThat(lists + (success ? 1 : 0)).as("%s of %s has exactly one outcome", end, runbook).isEqualTo(1);
            }
        }
        RunOutcome.OTHER_ENDS.forEach((outcome, ends) -> assertThat(allEnds).as(outcome.label()).containsAll(ends));
    }

    @Test
    void theOutcomeOfAnEnd() {
        assertThat(RunOutcome.of("backup-site", "EndEvent_SiteBackedUp")).isEqualTo(RunOutcome.SUCCESS);
        assertThat(RunOutcome.of("backup-site", "EndEvent_BackupIncomplete")).isEqualTo(RunOutcome.FAILED);
        // success is per runbook: another runbook's success end is no success here
        assertThat(RunOutcome.of("rolling-upgrade", "EndEvent_SiteBackedUp")).isEqualTo(RunOutcome.HALTED);
        assertThat(RunOutcome.of("site-health-check", "EndEvent_SiteGreen")).isEqualTo(RunOutcome.SUCCESS);
        assertThat(RunOutcome.of("site-health-check", "EndEvent_SiteAmber")).isEqualTo(RunOutcome.HALTED);
        assertThat(RunOutcome.of("site-health-check", "EndEvent_SiteRed")).isEqualTo(RunOutcome.FAILED);
        assertThat(RunOutcome.of("drain-compute-node", "EndEvent_InputRejected")).isEqualTo(RunOutcome.REFUSED);
        assertThat(RunOutcome.of("drain-compute-node", "EndEvent_NotEnoughCapacity")).isEqualTo(RunOutcome.REFUSED);
        assertThat(RunOutcome.of("drain-compute-node", "EndEvent_PlanRejected")).isEqualTo(RunOutcome.REJECTED);
        assertThat(RunOutcome.of("drain-compute-node", "EndEvent_DrainAborted")).isEqualTo(RunOutcome.HALTED);
        assertThat(RunOutcome.of("drain-compute-node", null)).isEqualTo(RunOutcome.HALTED);
        assertThat(RunOutcome.endsOf(RunOutcome.SUCCESS)).contains("EndEvent_HostDrained").doesNotContain("EndEvent_PlanRejected");
        assertThat(RunOutcome.CANCELLED.label()).isEqualTo("cancelled");
    }

    private Set<String> runbooks() {
        return models.entrySet().stream().filter(model -> startsOnItsOwn(model.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** The ends of the process itself: an end inside a sub-process ends only that sub-process. */
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
