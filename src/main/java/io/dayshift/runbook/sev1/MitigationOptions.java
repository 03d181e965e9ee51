package io.dayshift.runbook.sev1;

import io.dayshift.runbook.OperatorChoices.Choice;
import java.util.List;

/**
 * The mitigations that fit the findings ({@code mitigationOptions}): one per action and target, and always "no action".
 *
 * @param options in the order the form lists them
 */
public record MitigationOptions(List<Option> options) {

    public MitigationOptions {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /**
     * @param action one of the actions of {@link Sev1Incident}
     * @param target the host, {@code host/container}, a unit ({@code rabbitmq-server/0}) or the upgrade run's id; empty for "no action"
     * @param why    the finding it answers
     */
    public record Option(String action, String target, String why) {
    }

    boolean offers(String action, String target) {
        return options.stream().anyMatch(o -> o.action().equals(action) && o.target().equals(target));
    }

    /**
     * The targets the options name, each once, in the order the form lists them, labelled with the actions that take it
     * ({@code cn03 — evacuate-host}): the form's list of targets. "No action" takes none.
     */
    List<Choice> targets() {
        return options.stream().map(Option::target).filter(t -> !t.isEmpty()).distinct()
                .map(t -> new Choice(t + " — " + String.join(", ", options.stream().filter(o -> o.target().equals(t)).map(Option::action).toList()), t))
                .toList();
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        for (Option o : options) {
            text.append("- ").append(o.action()).append(o.target().isEmpty() ? "" : " " + o.target()).append(": ").append(o.why()).append('\n');
        }
        return text.toString().strip();
    }
}
