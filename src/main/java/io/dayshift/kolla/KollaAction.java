package io.dayshift.kolla;

/** What {@code kolla-ansible} is asked to do. */
public enum KollaAction {
    PRECHECKS(true),
    PULL(true),
    BOOTSTRAP_SERVERS(true),
    DEPLOY(true),
    UPGRADE(true),
    RECONFIGURE(true),
    /** Stops the containers; always sent with the confirmation flag kolla-ansible demands. */
    STOP(true),
    /** A full MariaDB backup into the {@code mariadb_backup} volume (needs {@code enable_mariabackup}). */
    MARIADB_BACKUP_FULL(false),
    /** An incremental MariaDB backup on top of the last full one. */
    MARIADB_BACKUP_INCREMENTAL(false),
    /** Restarts a Galera cluster that lost quorum from the node with the highest seqno. */
    MARIADB_RECOVERY(false),
    /**
     * Not a kolla-ansible action: Kolla's documented manual restore of a mariabackup (mbstream, {@code mariabackup --prepare}
     * and {@code --copy-back} in a one-shot container with the mariadb volumes), run from the deployer through Ansible.
     */
    MARIADB_RESTORE(false);

    private final boolean limitable;

    KollaAction(boolean limitable) {
        this.limitable = limitable;
    }

    /** Whether {@code --limit} applies (MariaDB backup and recovery pick their hosts themselves). */
    public boolean acceptsLimit() {
        return limitable;
    }
}
