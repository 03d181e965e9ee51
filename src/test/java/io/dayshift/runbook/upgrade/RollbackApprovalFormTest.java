package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.upgrade.RollingUpgrade.Rollback.PROCESS_KEY;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Rollback.RECONFIGURE_KOLLA;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Rollback.RESTORE_DATABASES_PHASE;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Rollback.ROLL_BACK_KOLLA;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Rollback.VERIFY_ROLLBACK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Test;

/**
 * The rollback approval tells the approver what a Kolla rollback will do in the order the model does it: the control plane
 * stopped, the databases restored, reconfigure on the previous release, the rollback verified.
 */
class RollbackApprovalFormTest {

    /** What the form must say for each phase of the model's Kolla rollback. */
    private static final Map<String, String> SAID = new LinkedHashMap<>(Map.of(ROLL_BACK_KOLLA, "control plane is stopped",
            RESTORE_DATABASES_PHASE, "databases are restored", RECONFIGURE_KOLLA, "reconfigure", VERIFY_ROLLBACK, "verified"));

    @Test
    void theKollaRollbackIsDescribedInTheModelsOrder() throws IOException {
        // given the phases of the Kolla rollback as the model runs them
        List<String> phases = kollaRollbackPath().stream().filter(SAID::containsKey).toList();
        assertThat(phases).containsExactlyInAnyOrderElementsOf(SAID.keySet());

        // when the approver reads the form's Kolla part
        String text = formText();
        String kolla = text.substring(text.indexOf("Kolla"), text.indexOf("Charmed:"));

        // then it names every phase, in the model's order
        int last = -1;
        for (String phase : phases) {
            int at = kolla.indexOf(SAID.get(phase));
            assertThat(at).as("\"%s\" (%s) after the previous phase in: %s", SAID.get(phase), phase, kolla).isGreaterThan(last);
            last = at;
        }
    }

    /** The flow nodes from the Kolla branch of the rollback to its end, following the one outgoing flow of each. */
    private static List<String> kollaRollbackPath() throws IOException {
        try (InputStream in = RollbackApprovalFormTest.class.getResourceAsStream("/" + PROCESS_KEY + ".bpmn")) {
            BpmnModelInstance model = Bpmn.readModelFromStream(in);
            FlowNode node = ((FlowNode) model.getModelElementById(ROLL_BACK_KOLLA));
            List<String> path = new ArrayList<>();
            while (node != null) {
                path.add(node.getId());
                List<SequenceFlow> out = new ArrayList<>(node.getOutgoing());
                node = out.size() == 1 ? out.get(0).getTarget() : null;
            }
            return path;
        }
    }

    private static String formText() throws IOException {
        try (InputStream in = RollbackApprovalFormTest.class.getResourceAsStream("/rolling-upgrade-approve-rollback.form")) {
            for (JsonNode component : new ObjectMapper().readTree(in).get("components")) {
                if (component.get("id").asText().equals("Text_Rollback")) {
                    return component.get("text").asText();
                }
            }
            throw new AssertionError("the rollback approval form has no Text_Rollback");
        }
    }
}
