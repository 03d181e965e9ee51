package io.dayshift.lab.model;

import java.time.Instant;

/**
 * A Nova server.
 *
 * @param id            UUID
 * @param host          the compute host ({@code OS-EXT-SRV-ATTR:host})
 * @param zone          availability zone ({@code OS-EXT-AZ:availability_zone})
 * @param status        Nova status
 * @param taskState     {@code OS-EXT-STS:task_state}: {@code migrating}, {@code resize_migrating}, {@code rebuilding}, {@code ""} for none
 * @param serverGroupId the server group it belongs to, {@code ""} for none
 * @param fault         the fault message of an instance in ERROR, {@code ""} otherwise
 */
public record Instance(String id, String name, String projectId, String host, String zone, Flavor flavor, InstanceStatus status, String taskState,
                       String serverGroupId, String fault, Instant createdAt) {

    public Instance {
        taskState = taskState == null ? "" : taskState;
        serverGroupId = serverGroupId == null ? "" : serverGroupId;
        fault = fault == null ? "" : fault;
    }

    Instance moved(String newHost, String newZone, InstanceStatus newStatus, String newTaskState) {
        return new Instance(id, name, projectId, newHost, newZone, flavor, newStatus, newTaskState, serverGroupId, fault, createdAt);
    }
}
