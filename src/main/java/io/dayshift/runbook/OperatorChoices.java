package io.dayshift.runbook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;

/**
 * The decisions an operator can take about a step that did not end well, with the words every form shows for them, so
 * that "retry" reads the same in every runbook. A form's radio lists them from a variable ({@code valuesKey}).
 */
public final class OperatorChoices {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("wait", "Keep waiting (the deadline starts again)"),
            Map.entry("retry", "Try the step again"),
            Map.entry("recheck", "Look again"),
            Map.entry("skip", "Skip it and go on"),
            Map.entry("proceed", "Proceed without it"),
            Map.entry("finish", "Finish as it is"),
            Map.entry("continue", "Continue"),
            Map.entry("accept", "Accept and go on"),
            Map.entry("mark-broken", "Mark the machine broken in MAAS"),
            Map.entry("roll-back", "Roll back"),
            Map.entry("stop", "Stop here and hand over"),
            Map.entry("abort", "Abort the run"),
            Map.entry("abandon", "Abandon and finish by hand"));

    private OperatorChoices() {
    }

    /** One choice as a form's radio reads it. */
    public record Choice(String label, String value) {
    }

    /** The label of a decision, as forms show it. */
    public static String label(String decision) {
        return LABELS.getOrDefault(decision, decision);
    }

    /** The choices for a form's radio: {@code [{label, value}]} as JSON, from decisions listed with commas. */
    public static ObjectValue of(String decisions) {
        List<Choice> choices = new ArrayList<>();
        for (String decision : Arrays.stream(decisions.split(",")).map(String::strip).filter(d -> !d.isEmpty()).toList()) {
            choices.add(new Choice(label(decision), decision));
        }
        return Variables.objectValue(choices).serializationDataFormat(Variables.SerializationDataFormats.JSON).create();
    }

    /** The decision values of a choices variable as {@link #of} stored it. */
    public static List<String> values(Object choices) {
        if (!(choices instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Choice.class::isInstance).map(c -> ((Choice) c).value()).toList();
    }
}
