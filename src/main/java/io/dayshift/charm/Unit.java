package io.dayshift.charm;

import java.util.Map;

/**
 * A unit as {@code juju status} shows it. Subordinate units appear only under their principal's
 * {@code subordinates}; their own {@code machine} is the principal's.
 *
 * @param name          {@code nova-compute/3}
 * @param workload      workload status: active, blocked, maintenance, waiting, error, unknown, terminated
 * @param agent         agent status: allocating, idle, executing, error, failed, lost, rebooting
 * @param machine       the machine id ({@code ""} if not yet assigned)
 * @param leader        true for the application's leader
 * @param publicAddress {@code ""} if none yet
 * @param subordinates  the subordinate units running beside this one, by name
 */
public record Unit(String name, EntityStatus workload, EntityStatus agent, String machine, boolean leader, String publicAddress,
                   Map<String, Unit> subordinates) {

    public Unit {
        subordinates = Map.copyOf(subordinates);
    }

    /** {@code nova-compute} for {@code nova-compute/3}. */
    public String application() {
        return name.substring(0, name.indexOf('/'));
    }

    /** Workload active and agent idle. */
    public boolean activeAndIdle() {
        return workload.is("active") && agent.is("idle");
    }
}
