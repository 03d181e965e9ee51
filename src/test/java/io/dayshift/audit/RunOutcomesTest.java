package io.dayshift.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

/** Every way a run can end is sorted for auditors: each end event a run of its own can reach is in exactly one list. */
class RunOutcomesTest {

    @Test
    void everyEndOfEveryRunbookIsSortedOnceAndEverySortedEndExists() throws IOException {
        Set<String> ends = new HashSet<>();
        for (BpmnModelInstance model : models()) {
            Process process = model.getModelElementsByType(Process.class).iterator().next();
            // the ends of the process itself: an end inside a sub-process ends only that sub-process
            process.getChildElementsByType(EndEvent.class).forEach(end -> {
                if (process.isCamundaStartableInTasklist() || process.getId().startsWith("daily-")) {
                    ends.add(end.getId());
                    assertThat(RunOutcomes.ALL).as("%s of %s is sorted as succeeded, refused or failed, or ended otherwise", end.getId(),
                            process.getId()).contains(end.getId());
                }
            });
        }
        assertThat(ends).as("the sorted end events exist in the runbooks").containsAll(RunOutcomes.ALL);
        assertThat(RunOutcomes.SUCCEEDED.size() + RunOutcomes.REFUSED_OR_FAILED.size() + RunOutcomes.ENDED_OTHERWISE.size())
                .as("no end event is in two lists").isEqualTo(RunOutcomes.ALL.size());
    }

    private static List<BpmnModelInstance> models() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().map(f -> Bpmn.readModelFromFile(f.toFile())).toList();
        }
    }
}
