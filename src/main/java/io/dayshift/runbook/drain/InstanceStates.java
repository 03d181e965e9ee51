package io.dayshift.runbook.drain;

import java.util.List;

/** Servers as one read saw them: the run's {@code remainingInstances} (what is still on the host). */
public record InstanceStates(List<InstanceState> instances) {

    public InstanceStates {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    public record InstanceState(String id, String name, String status, String host) {
    }

    public boolean none() {
        return instances.isEmpty();
    }

    /** {@code app-07 (id) SHUTOFF, db-01 (id) ERROR}, or {@code none}. */
    public String describe() {
        return instances.isEmpty() ? "none"
                : String.join(", ", instances.stream().map(i -> i.name() + " (" + i.id() + ") " + i.status()).toList());
    }
}
