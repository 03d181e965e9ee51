package io.dayshift.ceph;

import io.dayshift.site.Site;
import java.util.Optional;

/** What runbooks read of a site's Ceph cluster: its status, as an operator sees it with {@code ceph -s}. */
public interface CephCluster {

    /**
     * {@code ceph -s} on the site's Ceph admin host: the first host of SSH host group {@code monitors} when the site has one,
     * else of the Ceph monitor host group its backups use ({@code backup.ceph-monitor-host-group}), else the tool host (the Kolla deployer or the Juju jump host). Empty when that host has no {@code ceph} command
     * (the site has no Ceph, or no client for it); a cluster that does not answer is a status with its error as text.
     */
    Optional<CephStatus> status(Site site);
}
