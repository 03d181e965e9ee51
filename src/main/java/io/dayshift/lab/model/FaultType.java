package io.dayshift.lab.model;

/**
 * The failures a lab site can be told to show, each reaching an error path of a runbook. {@code target} is what
 * the fault applies to: a host name, an instance id or name, a MAAS system id or host name, a Juju unit or
 * application, or empty for "any".
 */
public enum FaultType {
    /** {@code kolla-ansible upgrade} fails on host {@code target}; the charm action {@code openstack-upgrade} fails on units there. */
    UPGRADE_FAILS(true),
    /** {@code kolla-ansible deploy} (and reconfigure, bootstrap-servers) fails on host {@code target}. */
    DEPLOY_FAILS(true),
    /** {@code kolla-ansible prechecks} fails on host {@code target} (any host when empty); on a charmed site the application {@code target} (default {@code vault}) shows blocked. */
    PRECHECK_FAILS(false),
    /** Host {@code target} is unreachable for kolla-ansible (exit 4) and its containers cannot be listed. */
    HOST_UNREACHABLE(true),
    /** Live (and cold) migration of instance {@code target} (id or name; any when empty) fails and the instance stays where it was. */
    LIVE_MIGRATION_FAILS(false),
    /** Hypervisor {@code target} is down: its nova-compute service is down, its agents dead, its units lost. */
    HYPERVISOR_DOWN(true),
    /** The network agents on host {@code target} are dead (the host itself is up). */
    AGENT_DEAD(true),
    /** The volume services on host {@code target} (any when empty) are down. */
    VOLUME_SERVICE_DOWN(false),
    /** Commissioning of machine {@code target} (system id or host name; any when empty) ends in Failed commissioning with a failed script. */
    COMMISSIONING_FAILS(false),
    /** Testing after commissioning of machine {@code target} (system id or host name; any when empty) ends in Failed testing with a failed testing script. */
    TESTING_FAILS(false),
    /** No MAAS machine can be allocated for tag {@code target} (any tag when empty): Juju shows a provisioning error. */
    ALLOCATION_FAILS(false),
    /** Unit {@code target} (or every unit of application {@code target}) is stuck in error. */
    UNIT_ERROR(true),
    /** Backups fail: kolla-ansible mariadb backup, the mysqldump action, mysqldump, juju create-backup. */
    BACKUP_FAILS(false),
    /** Restores fail: kolla-ansible mariadb recovery, mysql reading a dump. */
    RESTORE_FAILS(false),
    /** Ceph reports HEALTH_WARN (with {@code message} as the reason, if given). */
    CEPH_UNHEALTHY(false),
    /** Ceph reports HEALTH_ERR (with {@code message} as the reason, if given): the daily health check's red Ceph. */
    CEPH_ERROR(false),
    /**
     * MariaDB node {@code target} (a Kolla host, or a charmed site's mysql-innodb-cluster unit) has left its cluster: on Kolla
     * it shows wsrep non-Primary and the others one node fewer; on a charmed site {@code cluster-status} shows it MISSING.
     */
    GALERA_NODE_OUT(true),
    /** Unit {@code target} (or every unit of application {@code target}) logs ERROR lines ({@code message}) that {@code juju debug-log} shows. */
    UNIT_LOG_ERRORS(true),
    /** Container {@code target} ({@code host/container}, or a container name for every host) has exited; its log ends with an error ({@code message}). */
    CONTAINER_EXITED(true),
    /** Container {@code target} ({@code host/container}, or a container name for every host) keeps running but logs errors ({@code message}). */
    CONTAINER_ERRORS(true),
    /**
     * The site's OpenStack API {@code target} ({@code identity}, {@code compute}, {@code placement}, {@code network},
     * {@code image} or {@code volume}; any when empty) answers 503, as its load balancer does when no backend is left.
     */
    API_DOWN(false),
    /**
     * Backup artefact {@code target} (its path or file name; any when empty) reads back damaged: {@code sha256sum} gives
     * another checksum and {@code gzip -t}, {@code tar -t}, {@code zgrep}, {@code pg_restore --list} report it unreadable.
     */
    BACKUP_CORRUPT(false),
    /**
     * A file {@code scp} copies from this site to another host ({@code target}: its path or file name; any when empty) arrives
     * damaged there: the copy's checksum differs from the original's.
     */
    TRANSFER_CORRUPT(false),
    /** After a restore, table {@code target} ({@code nova.instances}; every table when empty) counts one row fewer than the backup held. */
    RESTORE_INCOMPLETE(false),
    /**
     * Placement holds an allocation on hypervisor {@code target} that belongs to no instance, as an interrupted migration
     * can leave behind ({@code nova-manage placement audit} finds them): the host's RAM counts as used up to 85 % of its
     * capacity (at least one instance's worth more), in Nova's hypervisor view and Placement's usages alike.
     */
    ORPHANED_ALLOCATION(true);

    private final boolean needsTarget;

    FaultType(boolean needsTarget) {
        this.needsTarget = needsTarget;
    }

    public boolean needsTarget() {
        return needsTarget;
    }
}
