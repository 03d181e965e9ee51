package io.dayshift.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * The command of a Kolla MariaDB restore that runs on the database node, built here because it holds shell syntax that
 * only this package may write (like {@link DetachedRun}): the syntax is constant text of this class and every value
 * is checked against its {@link Arg} kind and single-quoted.
 *
 * <p>The restore follows Kolla-Ansible's "MariaDB backup and restore" guide: in a one-shot container of the mariadb image
 * with the {@code mariadb} container's volumes and the {@code mariadb_backup} volume, unpack the full backup with
 * {@code mbstream} and {@code mariabackup --prepare} it; unpack each incremental backup of its chain in turn and apply it
 * with {@code mariabackup --prepare --incremental-dir}, in the order they were taken; then empty the data directory and
 * {@code mariabackup --copy-back}. The node's {@code mariadb} container must be stopped; {@code mariadb_recovery} starts the
 * cluster afterwards.
 */
public final class MariaDbCommands {

    /**
     * The script the one-shot container runs; its arguments are file names in the {@code mariadb_backup} volume: the full
     * backup, then the incrementals to apply on it, oldest first.
     */
    static final String RESTORE_SCRIPT = String.join(" ",
            "set -euo pipefail;",
            "for f in \"$@\"; do test -f \"/backup/$f\" || { echo \"no backup /backup/$f in the mariadb_backup volume\" >&2; exit 2; }; done;",
            "rm -rf /backup/restore && mkdir -p /backup/restore/full;",
            "gunzip -c \"/backup/$1\" | mbstream -x -C /backup/restore/full;",
            "mariabackup --prepare --target-dir /backup/restore/full;",
            "for f in \"${@:2}\"; do rm -rf /backup/restore/inc && mkdir -p /backup/restore/inc;",
            "gunzip -c \"/backup/$f\" | mbstream -x -C /backup/restore/inc;",
            "mariabackup --prepare --target-dir /backup/restore/full --incremental-dir /backup/restore/inc; done;",
            "find /var/lib/mysql -mindepth 1 -delete;",
            "mariabackup --copy-back --target-dir /backup/restore/full;",
            "chown -R mysql:mysql /var/lib/mysql;",
            "rm -rf /backup/restore;",
            "echo \"restored $* into /var/lib/mysql\"");

    /**
     * Asks a node's MariaDB for its Galera status, inside the {@code mariadb} container, as the user of the container's own
     * health check ({@code clustercheck}): Kolla-Ansible gives the container {@code MYSQL_USERNAME}, {@code MYSQL_PASSWORD} and
     * {@code MYSQL_HOST} for it (ansible/roles/mariadb/defaults/main.yml {@code mariadb_services}), so no credential is on the
     * command line, in Dayshift or in the client's arguments ({@code MYSQL_PWD}).
     */
    static final String WSREP_SCRIPT = String.join(" ",
            "MYSQL_PWD=\"$MYSQL_PASSWORD\" exec mariadb --host=\"$MYSQL_HOST\" --user=\"$MYSQL_USERNAME\" --batch --skip-column-names",
            "--execute=\"SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_cluster_status', 'wsrep_local_state_comment')\"");

    /** The name of the one-shot container, so that an operator sees it in {@code docker ps} while it runs. */
    public static final String RESTORE_CONTAINER = "dayshift_mariadb_restore";

    private MariaDbCommands() {
    }

    /**
     * {@code docker run --rm --name dayshift_mariadb_restore --user root --volumes-from mariadb --volume
     * mariadb_backup:/backup <image> bash -c '<restore script>' dayshift-restore '<full>' ['<incremental>'…]}.
     *
     * @param chain the full backup's file name, then those of the incrementals to apply on it, oldest first
     */
    public static ShellCommand restoreFromBackup(String image, List<String> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a MariaDB restore needs at least the full backup");
        }
        List<String> words = new ArrayList<>(List.of("docker run --rm --name", RESTORE_CONTAINER, "--user root --volumes-from mariadb --volume"
                + " mariadb_backup:/backup", ShellQuoting.quote(Arg.IMAGE.check(image)), "bash -c", ShellQuoting.quote(RESTORE_SCRIPT), "dayshift-restore"));
        chain.forEach(file -> words.add(ShellQuoting.quote(Arg.FILE_NAME.check(file))));
        return ShellCommand.script(String.join(" ", words));
    }

    /** {@code docker exec mariadb sh -c '<wsrep status query>'}: prints {@code wsrep_<name><TAB><value>} lines. */
    public static ShellCommand wsrepStatus() {
        return ShellCommand.script("docker exec mariadb sh -c " + ShellQuoting.quote(WSREP_SCRIPT));
    }
}
