package io.dayshift.shell;

/**
 * The two commands of a Kolla MariaDB restore that run on a database node, built here because they hold shell syntax
 * that only this package may write (like {@link DetachedRun}): the syntax is constant text of this class and every value
 * is checked against its {@link Arg} kind and single-quoted.
 *
 * <p>The restore follows Kolla-Ansible's "MariaDB backup and restore" guide: in a one-shot container of the mariadb image
 * with the {@code mariadb} container's volumes and the {@code mariadb_backup} volume, unpack the backup with
 * {@code mbstream}, {@code mariabackup --prepare} it, empty the data directory and {@code mariabackup --copy-back}. The
 * node's {@code mariadb} container must be stopped; {@code mariadb_recovery} starts the cluster afterwards.
 */
public final class MariaDbCommands {

    /** The script the one-shot container runs; {@code $1} is the backup's file name in the {@code mariadb_backup} volume. */
    static final String RESTORE_SCRIPT = String.join(" ",
            "set -euo pipefail;",
            "test -f \"/backup/$1\" || { echo \"no backup /backup/$1 in the mariadb_backup volume\" >&2; exit 2; };",
            "rm -rf /backup/restore && mkdir -p /backup/restore/full;",
            "gunzip -c \"/backup/$1\" | mbstream -x -C /backup/restore/full;",
            "mariabackup --prepare --target-dir /backup/restore/full;",
            "find /var/lib/mysql -mindepth 1 -delete;",
            "mariabackup --copy-back --target-dir /backup/restore/full;",
            "chown -R mysql:mysql /var/lib/mysql;",
            "rm -rf /backup/restore;",
            "echo \"restored $1 into /var/lib/mysql\"");

    /** The name of the one-shot container, so that an operator sees it in {@code docker ps} while it runs. */
    public static final String RESTORE_CONTAINER = "dayshift_mariadb_restore";

    /**
     * The client option file the row counts read their credentials from, inside the {@code mariadb} container: Kolla
     * mounts the host's {@code /etc/kolla/mariadb/} there, so the operator keeps it on the host as
     * {@code /etc/kolla/mariadb/dayshift-client.cnf} (mode 600, a {@code [client]} section with a read-only user).
     */
    public static final String CLIENT_OPTIONS = "/var/lib/kolla/config_files/dayshift-client.cnf";

    private MariaDbCommands() {
    }

    /**
     * {@code docker run --rm --name dayshift_mariadb_restore --user root --volumes-from mariadb --volume
     * mariadb_backup:/backup <image> bash -c '<restore script>' dayshift-restore '<backupFile>'}.
     */
    public static ShellCommand restoreFromBackup(String image, String backupFile) {
        return ShellCommand.script(String.join(" ", "docker run --rm --name", RESTORE_CONTAINER,
                "--user root --volumes-from mariadb --volume mariadb_backup:/backup", ShellQuoting.quote(Arg.IMAGE.check(image)),
                "bash -c", ShellQuoting.quote(RESTORE_SCRIPT), "dayshift-restore", ShellQuoting.quote(Arg.FILE_NAME.check(backupFile))));
    }

    /**
     * {@code docker exec mariadb mysql --defaults-extra-file=<client options> --batch --skip-column-names -e 'SELECT COUNT(*)
     * FROM `db`.`table`'}: one number on standard output.
     */
    public static ShellCommand countRows(String table) {
        String[] parts = Arg.TABLE.check(table).split("\\.");
        String sql = "SELECT COUNT(*) FROM `" + parts[0] + "`.`" + parts[1] + "`";
        return ShellCommand.script(String.join(" ", "docker exec mariadb mysql --defaults-extra-file=" + CLIENT_OPTIONS,
                "--batch --skip-column-names -e", ShellQuoting.quote(sql)));
    }
}
