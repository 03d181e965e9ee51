package io.dayshift.lab.model;

import java.time.Instant;

/**
 * A Juju machine (or LXD container: id {@code 3/lxd/1}).
 *
 * @param instanceId    the MAAS system id (a container: {@code juju-<...>-3-lxd-1}); {@code ""} while not provisioned
 * @param jujuStatus    agent: pending, started, down, error
 * @param machineStatus provider: pending, allocating, running, provisioning error
 * @param startsAt      when a pending machine becomes started; {@code null} when settled
 */
public record JujuMachine(String id, String instanceId, String hostname, String zone, String address, String constraints, int cores,
                          long memoryMib, JujuStatus jujuStatus, JujuStatus machineStatus, Instant startsAt) {

    public boolean container() {
        return id.contains("/");
    }

    /** The host machine of a container, the machine itself otherwise. */
    public String hostMachine() {
        return container() ? id.substring(0, id.indexOf('/')) : id;
    }

    JujuMachine with(JujuStatus agent, JujuStatus provider, Instant newStartsAt) {
        return new JujuMachine(id, instanceId, hostname, zone, address, constraints, cores, memoryMib, agent, provider, newStartsAt);
    }
}
