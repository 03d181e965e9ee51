package io.dayshift.lab.model;

/** A floating IP; {@code portId} and {@code fixedIpAddress} are {@code ""} when it is not associated. */
public record FloatingIp(String id, String address, String projectId, String floatingNetworkId, String portId, String fixedIpAddress) {

    public boolean associated() {
        return !portId.isEmpty();
    }

    /** Neutron's status: ACTIVE when associated, DOWN otherwise. */
    public String status() {
        return associated() ? "ACTIVE" : "DOWN";
    }
}
