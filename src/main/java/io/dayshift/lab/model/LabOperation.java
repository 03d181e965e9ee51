package io.dayshift.lab.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The operations of a lab site that take simulated time, each with two durations: its {@link LabPace#DEMO demo} duration
 * (a few seconds, so that a person can watch a runbook on the default start) and its {@link LabPace#REALISTIC realistic}
 * one (the proportions of a real Kolla or charmed OpenStack site of typical servers; the reason for each figure is on the
 * constant). {@code dayshift.lab.pace} chooses the set; {@code dayshift.lab.durations.<key>} overrides one; all are
 * multiplied by {@code dayshift.lab.time-factor}.
 */
public enum LabOperation {
    /** Realistic 10 min: PXE boot of the ephemeral image, hardware inventory, the commissioning scripts of a 2-socket server. */
    COMMISSION(20, 600),
    /** The testing scripts after commissioning (MAAS's Testing status). Realistic 10 min: smartctl-validate of the disks, a short memory test. */
    MACHINE_TESTING(10, 600),
    /** Realistic 10 min: PXE boot, curtin writes the image to disk, reboot into the deployed system, cloud-init. */
    MACHINE_DEPLOY(15, 600),
    /** Realistic 2 min: power off and back to Ready, without disk erasure. */
    MACHINE_RELEASE(5, 120),
    /** Realistic 1 min: a typical instance (4–8 GiB of memory) copied over a 10 GbE migration network, a few dirty-page rounds. */
    LIVE_MIGRATION(5, 60),
    /** Realistic 3 min: the instance's local disk (40–80 GiB) copied to the target host, resize confirmed. */
    COLD_MIGRATION(8, 180),
    /** Realistic 3 min: rebuilt from its image on another host, as a cold migration without the source. */
    EVACUATION(10, 180),
    /** Realistic 5 min: a unit's install, config-changed and start hooks until the charm reports active. */
    UNIT_ACTIVE(10, 300),
    /** Realistic 5 min: the upgrade-charm hook on every unit of an application and its settling back to active/idle. */
    CHARM_REFRESH(8, 300),
    /** Realistic 2 min: a charm action such as openstack-upgrade on one unit (packages upgraded, services restarted). */
    CHARM_ACTION(3, 120),
    /** Realistic 1 min: {@code juju create-backup} of the controller's database. */
    CONTROLLER_BACKUP(5, 60),
    /** Realistic 5 min: {@code mysqldump} of the control-plane databases, a few GiB. */
    DATABASE_DUMP(3, 300),
    /** Realistic 3 min: fact gathering and the prechecks roles over every host of the inventory. */
    KOLLA_PRECHECKS(5, 180),
    /** Realistic 10 min: the target release's images pulled to every host from the local registry. */
    KOLLA_PULL(8, 600),
    /** Realistic 10 min: packages, Docker and users on new hosts. */
    KOLLA_BOOTSTRAP_SERVERS(8, 600),
    /** Realistic 15 min: every role applied to the hosts of the limit (a new compute host, say). */
    KOLLA_DEPLOY(15, 900),
    /**
     * {@code kolla-ansible upgrade} of hosts that hold no database: a batch of compute hosts, the network hosts.
     * Realistic 15 min: containers of the batch recreated on the new images, nova-compute and the agents restarted.
     */
    KOLLA_UPGRADE(20, 900),
    /**
     * {@code kolla-ansible upgrade} whose limit includes the {@code control} group (or no limit: every host). Realistic
     * 40 min: the database schema migrations of every service (Nova's and Neutron's the longest) and the rolling
     * restart of every API, RabbitMQ and MariaDB container on the controllers. Demo: as {@link #KOLLA_UPGRADE}.
     */
    KOLLA_UPGRADE_CONTROL_PLANE(20, 2400),
    /** Realistic 15 min: every role applied again, containers restarted where their configuration changed. */
    KOLLA_RECONFIGURE(10, 900),
    /** Realistic 2 min: the containers of the limit stopped. */
    KOLLA_STOP(5, 120),
    /** Realistic 5 min: mariabackup of the control-plane databases (tens of GiB, streamed to the backup volume). */
    KOLLA_MARIADB_BACKUP(5, 300),
    /** Realistic 20 min: the Galera cluster restored from a backup chain and bootstrapped again. */
    KOLLA_MARIADB_RECOVERY(10, 1200),
    // OpenStack API (io.dayshift.lab.openstack)
    /** Realistic 1 min: scheduling, the image from the host's cache, boot to ACTIVE. */
    SERVER_BUILD(3, 60);

    private final Duration defaultDuration;
    private final Duration realisticDuration;

    LabOperation(int demoSeconds, int realisticSeconds) {
        this.defaultDuration = Duration.ofSeconds(demoSeconds);
        this.realisticDuration = Duration.ofSeconds(realisticSeconds);
    }

    /** The demo duration (the default pace). */
    public Duration defaultDuration() {
        return defaultDuration;
    }

    /** The duration at a pace, before the time factor. */
    public Duration duration(LabPace pace) {
        return pace == LabPace.REALISTIC ? realisticDuration : defaultDuration;
    }

    /** The settings key: {@code live-migration} for {@link #LIVE_MIGRATION}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static LabOperation ofKey(String key) {
        for (LabOperation op : values()) {
            if (op.key().equals(key) || op.name().equalsIgnoreCase(key)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown lab operation '" + key + "'; known: "
                + java.util.Arrays.stream(values()).map(LabOperation::key).toList());
    }

    /**
     * The operation a kolla-ansible run is, from its action word (with underscores: {@code mariadb_backup}) and its
     * {@code --limit}: an upgrade whose limit includes the {@code control} group, or is empty (every host), is a
     * {@link #KOLLA_UPGRADE_CONTROL_PLANE}.
     */
    public static LabOperation ofKollaAction(String action, List<String> limit) {
        return switch (action) {
            case "prechecks" -> KOLLA_PRECHECKS;
            case "pull" -> KOLLA_PULL;
            case "bootstrap-servers" -> KOLLA_BOOTSTRAP_SERVERS;
            case "deploy" -> KOLLA_DEPLOY;
            case "upgrade" -> limit.isEmpty() || limit.contains("control") ? KOLLA_UPGRADE_CONTROL_PLANE : KOLLA_UPGRADE;
            case "reconfigure" -> KOLLA_RECONFIGURE;
            case "stop" -> KOLLA_STOP;
            case "mariadb_backup" -> KOLLA_MARIADB_BACKUP;
            case "mariadb_recovery" -> KOLLA_MARIADB_RECOVERY;
            default -> throw LabException.badRequest("unknown kolla-ansible action " + action);
        };
    }
}
