package io.dayshift.lab.model;

/**
 * A Neutron network of a lab site: the shared {@code private} network, the external {@code public} network that
 * floating IPs come from, and one network per project that the topology's instances are attached to.
 */
public record LabNetwork(String id, String name, String projectId, boolean shared, boolean external, String cidr, int segmentationId) {
}
