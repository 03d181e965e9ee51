package io.dayshift.backup;

import io.dayshift.site.Site;
import java.util.Optional;

/** What one backed-up artefact holds, and so how long it is kept. */
public enum ArtefactKind {
    /** Kolla: a full {@code mariabackup} stream in the {@code mariadb_backup} volume of the first MariaDB host. */
    MARIADB_FULL(RetentionClass.DATABASE),
    /** Kolla: an incremental {@code mariabackup} on top of the newest full one. */
    MARIADB_INCREMENTAL(RetentionClass.DATABASE),
    /** Kolla: a tar archive of the Kolla config directory (globals, passwords, inventory, overrides) on the deployer. */
    KOLLA_CONFIG(RetentionClass.CONFIG),
    /** Charmed: the Juju controller backup archive, downloaded off the controller to the Juju client host. */
    JUJU_CONTROLLER(RetentionClass.CONFIG),
    /** Charmed: the MySQL InnoDB cluster dump made by the charm's {@code mysqldump} action. */
    MYSQL_DUMP(RetentionClass.DATABASE),
    /** Both: {@code pg_dump} of the MAAS region database. */
    MAAS_DATABASE(RetentionClass.DATABASE),
    /** Both: Ceph minimal configuration and the exported auth keys, from a monitor host. */
    CEPH_CONFIG(RetentionClass.CONFIG),
    /** Both, where Vault is deployed: a raft snapshot. */
    VAULT_SNAPSHOT(RetentionClass.CONFIG);

    private final RetentionClass retentionClass;

    ArtefactKind(RetentionClass retentionClass) {
        this.retentionClass = retentionClass;
    }

    public RetentionClass retentionClass() {
        return retentionClass;
    }

    /**
     * The SSH host group of the site whose first host holds this kind's artefacts (where backup-site writes them and a
     * restore reads them); empty when the site does not have the part.
     */
    public Optional<String> hostGroup(Site site) {
        Site.Backup backup = site.backup();
        return switch (this) {
            case MARIADB_FULL, MARIADB_INCREMENTAL -> site.mariadbHostGroup();
            case KOLLA_CONFIG -> Optional.ofNullable(site.kolla()).map(Site.Kolla::hostGroup);
            case JUJU_CONTROLLER, MYSQL_DUMP -> Optional.ofNullable(site.juju()).map(Site.Juju::hostGroup);
            case MAAS_DATABASE -> Optional.ofNullable(backup.maasRegionHostGroup());
            case CEPH_CONFIG -> Optional.ofNullable(backup.cephMonitorHostGroup());
            case VAULT_SNAPSHOT -> Optional.ofNullable(backup.vaultHostGroup());
        };
    }

    /** A database backup, whose key tables' row counts are recorded for a restore to check against. */
    public boolean isDatabase() {
        return retentionClass == RetentionClass.DATABASE;
    }
}
