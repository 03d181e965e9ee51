package io.dayshift.lab.model;

import java.util.List;

/**
 * A server of the cloud (a controller, network node, load balancer, compute…): it is also a Deployed MAAS machine and,
 * on a charmed site, a Juju machine.
 *
 * @param roles Kolla inventory groups such as {@code control}, {@code network}, {@code compute}, {@code monitoring},
 *              {@code storage}, {@code loadbalancer}
 */
public record LabNode(String hostname, String address, String zone, List<String> roles) {

    public LabNode {
        roles = List.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
