package io.dayshift.lab.model;

import java.time.Duration;
import java.util.Locale;

/**
 * The operations of a lab site that take simulated time, each with its default duration (a few seconds, so that a
 * person can watch a runbook on the default start). Set one with {@code dayshift.lab.durations.<key>}; all are
 * multiplied by {@code dayshift.lab.time-factor}.
 */
public enum LabOperation {
    COMMISSION(20),
    /** The testing scripts after commissioning (MAAS's Testing status). */
    MACHINE_TESTING(10),
    MACHINE_DEPLOY(15),
    MACHINE_RELEASE(5),
    LIVE_MIGRATION(5),
    COLD_MIGRATION(8),
    EVACUATION(10),
    UNIT_ACTIVE(10),
    CHARM_REFRESH(8),
    CHARM_ACTION(3),
    CONTROLLER_BACKUP(5),
    DATABASE_DUMP(3),
    KOLLA_PRECHECKS(5),
    KOLLA_PULL(8),
    KOLLA_BOOTSTRAP_SERVERS(8),
    KOLLA_DEPLOY(15),
    KOLLA_UPGRADE(20),
    KOLLA_RECONFIGURE(10),
    KOLLA_STOP(5),
    KOLLA_MARIADB_BACKUP(5),
    KOLLA_MARIADB_RECOVERY(10),
    // OpenStack API (io.dayshift.lab.openstack)
    SERVER_BUILD(3);

    private final Duration defaultDuration;

    LabOperation(int seconds) {
        this.defaultDuration = Duration.ofSeconds(seconds);
    }

    public Duration defaultDuration() {
        return defaultDuration;
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
}
