package io.dayshift.runbook.drain;

import java.util.List;

/** The ids of the instances migrated together: the element of the sequential multi-instance over batches. */
public record InstanceBatch(List<String> instanceIds) {

    public InstanceBatch {
        instanceIds = instanceIds == null ? List.of() : List.copyOf(instanceIds);
    }
}
