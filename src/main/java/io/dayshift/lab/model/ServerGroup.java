package io.dayshift.lab.model;

/** A Nova server group: {@code policy} is {@code anti-affinity}, {@code affinity}, {@code soft-anti-affinity} or {@code soft-affinity}. */
public record ServerGroup(String id, String name, String projectId, String policy) {
}
