package io.dayshift.runbook.commission;

import java.util.List;

/** The machines of a run, in the order the operator named them; the multi-instance sub-process runs over {@link #machines()}. */
public record MachineTargets(List<MachineTarget> machines) {

    public MachineTargets {
        machines = machines == null ? List.of() : List.copyOf(machines);
    }
}
