package io.dayshift.compute;

/**
 * A Neutron agent.
 *
 * @param type         the API's {@code agent_type}, e.g. {@code Open vSwitch agent}, {@code L3 agent},
 *                     {@code OVN Controller Gateway agent}, {@code OVN Metadata agent}
 * @param binary       e.g. {@code neutron-openvswitch-agent}, {@code ovn-controller}
 * @param alive        its heartbeat is recent
 * @param adminStateUp an operator has not disabled it
 */
public record NetworkAgent(String id, String type, String binary, String host, boolean alive, boolean adminStateUp) {
}
