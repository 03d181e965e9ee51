package io.dayshift.lab.model;

/**
 * A Neutron port.
 *
 * @param deviceOwner {@code compute:az1}, {@code network:router_interface}, {@code network:dhcp}, or {@code ""}
 * @param deviceId    the owning instance, router or DHCP agent, {@code ""} for none
 * @param hostId      {@code binding:host_id}, {@code ""} when unbound
 */
public record Port(String id, String name, String networkId, String projectId, String macAddress, String fixedIpAddress, String deviceOwner,
                   String deviceId, String hostId) {

    public boolean bound() {
        return !hostId.isEmpty();
    }

    /** Neutron's status: ACTIVE when bound to a device, DOWN otherwise. */
    public String status() {
        return bound() && !deviceId.isEmpty() ? "ACTIVE" : "DOWN";
    }
}
