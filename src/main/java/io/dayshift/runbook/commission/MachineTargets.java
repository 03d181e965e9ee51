package io.dayshift.runbook.commission;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The machines of a run, in the order the operator named them. They commission in waves of at most {@code size} machines
 * ({@code commission-machines.max-parallel}), one wave after the other: the model's outer loop runs over
 * {@link #waves(int)}, its inner, parallel one over {@link #wave(int, int)}.
 */
public record MachineTargets(List<MachineTarget> machines) {

    public MachineTargets {
        machines = machines == null ? List.of() : List.copyOf(machines);
    }

    /** The waves' numbers, 0 to n-1. */
    public List<Integer> waves(int size) {
        return IntStream.range(0, (machines.size() + size - 1) / size).boxed().toList();
    }

    /** The machines of wave {@code number}. */
    public List<MachineTarget> wave(int number, int size) {
        return machines.subList(Math.min(machines.size(), number * size), Math.min(machines.size(), (number + 1) * size));
    }
}
