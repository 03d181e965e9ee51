package io.dayshift.runbook.commission;

import java.util.ArrayList;
import java.util.List;

/** Every machine's latest outcome, one entry per machine. */
public record MachineOutcomes(List<MachineOutcome> outcomes) {

    public MachineOutcomes {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /** These outcomes with {@code outcome} replacing the machine's earlier one. */
    public MachineOutcomes with(MachineOutcome outcome) {
        List<MachineOutcome> all = new ArrayList<>(outcomes.stream().filter(o -> !o.systemId().equals(outcome.systemId())).toList());
        all.add(outcome);
        return new MachineOutcomes(all);
    }

    public List<MachineOutcome> withResult(MachineOutcome.Result result) {
        return outcomes.stream().filter(o -> o.result() == result).toList();
    }
}
