package io.dayshift.charm;

/**
 * What mapping the compute hosts to their cell did on a charmed site.
 *
 * @param unit    the nova-cloud-controller unit it ran on (the leader)
 * @param command the command line as sent
 * @param output  what {@code nova-manage cell_v2 discover_hosts --verbose} printed (the hosts it mapped)
 */
public record CellDiscovery(String unit, String command, String output) {
}
