package io.dayshift.kolla;

import java.util.List;

/**
 * What {@code nova-manage cell_v2 discover_hosts --by-service} did on a site: on which host it ran, which compute hosts
 * it mapped to a cell now (empty when every host was mapped already, e.g. by the nova-cell role of a deploy), and its
 * output as evidence.
 *
 * @param ranOn        the controller whose {@code nova_conductor} container ran it
 * @param newlyMapped  compute hosts mapped by this run
 * @param output       nova-manage's verbose output, secrets masked
 */
public record HostDiscovery(String ranOn, List<String> newlyMapped, String output) {

    public HostDiscovery {
        newlyMapped = List.copyOf(newlyMapped);
    }
}
