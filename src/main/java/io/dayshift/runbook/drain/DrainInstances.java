package io.dayshift.runbook.drain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The instances to move off the host, largest first (the order the planner places them in, and the order they are
 * migrated in, so that Nova's scheduler meets the hosts in the state the plan expected).
 */
public record DrainInstances(List<DrainInstance> instances) {

    public static final Comparator<DrainInstance> LARGEST_FIRST = Comparator.comparingLong((DrainInstance i) -> i.flavor().ramMb())
            .thenComparingLong(i -> i.flavor().vcpus())
            .thenComparingLong(i -> i.flavor().diskGb())
            .reversed()
            .thenComparing(DrainInstance::id);

    public DrainInstances {
        instances = instances == null ? List.of() : instances.stream().sorted(LARGEST_FIRST).toList();
    }

    public List<String> ids() {
        return instances.stream().map(DrainInstance::id).toList();
    }

    /** The instances in batches of at most {@code size}, migrated one batch after another (the instances of a batch together). */
    public List<InstanceBatch> batches(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a batch holds at least one instance, not " + size);
        }
        List<InstanceBatch> batches = new ArrayList<>();
        for (int from = 0; from < instances.size(); from += size) {
            batches.add(new InstanceBatch(ids().subList(from, Math.min(instances.size(), from + size))));
        }
        return batches;
    }

    public Optional<DrainInstance> find(String id) {
        return instances.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    public DrainInstance require(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("instance " + id + " is not among the instances of this drain"));
    }

    public List<Instance> toPlanned() {
        return instances.stream().map(DrainInstance::toPlanned).toList();
    }
}
