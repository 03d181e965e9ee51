package io.dayshift.lab.model;

/** Nova server statuses that the lab uses. */
public enum InstanceStatus {
    ACTIVE, SHUTOFF, ERROR, MIGRATING, RESIZE, VERIFY_RESIZE, REBUILD, PAUSED, BUILD
}
