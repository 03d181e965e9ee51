package io.dayshift.backup;

import io.dayshift.site.Site;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code backup-site} does on a site's hosts, over SSH, the data never passing through Dayshift: each artefact is written to
 * {@code <target>.part} and renamed to {@code target} only when complete, so an artefact that exists is whole, and a step
 * that finds its target already there has nothing to do. Files holding keys or passwords are created mode 600 before
 * anything is written into them. A host is the first host of an SSH host group of the site ({@code group}).
 *
 * <p>Failures (a host that cannot be reached, a tool that exits non-zero) are {@link BackupException}s naming site, host and
 * command; their messages never hold a secret (there is none in Dayshift: credentials stay in the SSH users' files).
 */
public interface BackupHosts {

    /** Size, mode and checksum of the file, read on the host; empty when it does not exist. */
    Optional<FileFacts> facts(Site site, String group, String path);

    /** The newest file in {@code directory} whose name starts with {@code prefix} ({@code ls -1t}); empty if none. */
    Optional<String> newestFile(Site site, String group, String directory, String prefix);

    /** {@code tar -czf target sources…}, mode 600 (the Kolla config directory holds passwords.yml). */
    void archive(Site site, String group, String target, List<String> sources);

    /** {@code pg_dump -Fc} of {@code database} as {@code user} on the host (password in the SSH user's ~/.pgpass), mode 600. */
    void dumpPostgres(Site site, String group, String target, String database, String user);

    /** Ceph's minimal configuration and every auth key ({@code ceph auth export}) in one tar archive, mode 600. */
    void exportCeph(Site site, String group, String target);

    /** {@code vault operator raft snapshot save}, the token read by the CLI from the SSH user's ~/.vault-token, mode 600. */
    void saveVaultSnapshot(Site site, String group, String target, String address);

    /** {@code juju create-backup} of the site's controller, downloaded to {@code target} on the Juju host. */
    void createControllerBackup(Site site, String target);

    /** {@code juju scp unit:remote target} onto the Juju host (a file a charm action left on a unit's machine). */
    void copyFromUnit(Site site, String unit, String remote, String target);

    /**
     * dr-restore: {@code juju scp -m <model> <local> <unit>:<remote>} on the Juju client host: puts an artefact back on a unit's
     * machine (a dump for the mysql-innodb-cluster charm's {@code restore-mysqldump}). Safe to repeat (the copy is replaced).
     */
    void copyToUnit(Site site, String local, String unit, String remote);

    /** Whether the artefact is readable as its kind (a whole gzip stream, a dump with its trailer, a tar holding its key member…). */
    Readability readable(Site site, String group, ArtefactKind kind, String path);

    /** Row counts of the key tables ({@code nova.instances}…) with {@code mysql} on the host (a read-only account in ~/.my.cnf). */
    Map<String, Long> countRows(Site site, String group);

    /**
     * Removes an artefact from the first host of {@code group}; only paths under the site's backup directory or the Kolla
     * {@code mariadb_backup} volume are accepted, and on the off-host store only paths under its configured path.
     *
     * @return false when it was gone already
     */
    boolean remove(Site site, String group, String path);

    /**
     * Copies the artefact at {@code path} on the first host of {@code group} to {@code storePath.part} on the site's off-host
     * store ({@code Site.Backup#offHost()}), the data going from host to store only: the store's directory (mode 700) and an empty
     * {@code .part} (mode 600) are made over Dayshift's own connection to the store, then {@code scp} runs on the artefact's host,
     * with sudo (root reads every artefact, and root's key there is the one the store authorises), and writes into the {@code .part}.
     * Nothing is renamed: {@link #keepCopy} does that once the checksum read on the store is the artefact's.
     */
    void copyToStore(Site site, String group, String path, String storePath);

    /** {@code mv storePath.part storePath} on the store: the verified copy takes its place. */
    void keepCopy(Site site, String storePath);

    /**
     * dr-restore: puts the copy at {@code storePath} on the store back at {@code path} on the first host of {@code group} (where
     * the restore reads it), with {@code scp} run on that host, through {@code path.part} renamed when complete. Safe to repeat.
     */
    void copyFromStore(Site site, String storePath, String group, String path);
}
