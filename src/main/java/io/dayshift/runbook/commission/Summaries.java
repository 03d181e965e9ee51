package io.dayshift.runbook.commission;

import io.dayshift.runbook.OperatorDecision;
import java.util.List;
import java.util.stream.Collectors;

/** The run's summary paragraph: what was commissioned, what failed and what the operators decided, who started it. */
final class Summaries {

    private Summaries() {
    }

    static String of(String site, MachineTargets targets, MachineOutcomes outcomes, OperatorDecision.Decisions decisions, List<String> tags,
                     String initiator) {
        List<MachineOutcome> ready = outcomes.withResult(MachineOutcome.Result.READY);
        StringBuilder text = new StringBuilder("Site ").append(site).append(": ").append(ready.size()).append(" of ")
                .append(targets.machines().size()).append(" machines commissioned and Ready");
        if (!ready.isEmpty()) {
            text.append(tags.isEmpty() ? "" : ", tagged " + String.join(", ", tags)).append(": ").append(names(ready));
        }
        text.append(".");
        List<MachineOutcome> broken = outcomes.withResult(MachineOutcome.Result.BROKEN);
        List<MachineOutcome> skipped = outcomes.withResult(MachineOutcome.Result.SKIPPED);
        List<MachineOutcome> failed = outcomes.withResult(MachineOutcome.Result.FAILED);
        if (!broken.isEmpty()) {
            text.append(" Failed and marked broken: ").append(names(broken)).append(".");
        }
        if (!skipped.isEmpty()) {
            text.append(" Failed and skipped (left as MAAS shows them): ").append(names(skipped)).append(".");
        }
        if (!failed.isEmpty()) {
            text.append(" Failed: ").append(names(failed)).append(".");
        }
        if (decisions.decisions().isEmpty()) {
            text.append(" No operator decision was needed.");
        } else {
            text.append(" Operator decisions: ").append(decisions.decisions().stream()
                    .map(d -> d.target() + ": " + d.decision() + " by " + d.decidedBy() + " (\"" + d.note() + "\")")
                    .collect(Collectors.joining("; "))).append(".");
        }
        text.append(" Started by ").append(initiator).append("; no approval is needed, commissioning erases no data.");
        return text.toString();
    }

    private static String names(List<MachineOutcome> outcomes) {
        return outcomes.stream().map(MachineOutcome::display).collect(Collectors.joining(", "));
    }
}
