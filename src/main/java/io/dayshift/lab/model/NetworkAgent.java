package io.dayshift.lab.model;

/**
 * A Neutron agent.
 *
 * @param agentType {@code L3 agent}, {@code DHCP agent}, {@code Open vSwitch agent}, {@code OVN Controller agent},
 *                  {@code OVN Metadata agent}, {@code Metadata agent}
 * @param binary    {@code neutron-l3-agent}…
 * @param alive     as shown: false when the host is down or an {@link FaultType#AGENT_DEAD} fault applies
 */
public record NetworkAgent(String id, String agentType, String binary, String host, String zone, boolean alive, boolean adminStateUp) {

    NetworkAgent with(boolean nowAlive, boolean nowAdminUp) {
        return new NetworkAgent(id, agentType, binary, host, zone, nowAlive, nowAdminUp);
    }
}
