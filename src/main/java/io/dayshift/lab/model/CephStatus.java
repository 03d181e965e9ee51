package io.dayshift.lab.model;

import java.util.List;
import java.util.Set;

/**
 * The Ceph cluster of a site, as shown: health is HEALTH_WARN when a flag such as {@code noout} is set, an OSD host is
 * down or a {@link FaultType#CEPH_UNHEALTHY} fault applies.
 */
public record CephStatus(String fsid, String health, List<String> healthChecks, List<String> monitors, int osds, int osdsUp, Set<String> flags) {

    public CephStatus {
        healthChecks = List.copyOf(healthChecks);
        monitors = List.copyOf(monitors);
        flags = Set.copyOf(flags);
    }
}
