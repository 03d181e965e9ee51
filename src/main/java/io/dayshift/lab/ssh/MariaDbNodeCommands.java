package io.dayshift.lab.ssh;

import io.dayshift.lab.model.Container;
import io.dayshift.lab.model.LabException;
import java.util.List;
import java.util.Optional;

/**
 * dr-restore on a Kolla node: the one-shot mariabackup container of Kolla's manual restore ({@code docker run --rm
 * --volumes-from mariadb --volume mariadb_backup:/backup <image> bash -c '<script>' dayshift-restore <full> [<incremental>…]}).
 * The script is recognised whole, as the lab's copy of Dayshift's: any other script is refused.
 */
final class MariaDbNodeCommands {

    /** The lab's copy of the restore script Dayshift runs in the one-shot container. */
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
    private static final List<String> RUN_OPTIONS = List.of("run", "--rm", "--name", "dayshift_mariadb_restore", "--user", "root",
            "--volumes-from", "mariadb", "--volume", "mariadb_backup:/backup");

    private MariaDbNodeCommands() {
    }

    static ShellResult run(Session s, List<String> args) {
        if (args.size() < RUN_OPTIONS.size() + 6 || !args.subList(0, RUN_OPTIONS.size()).equals(RUN_OPTIONS)) {
            return ShellResult.fail(125, "docker: the lab runs only Dayshift's one-shot MariaDB restore container, not: docker " + String.join(" ", args));
        }
        List<String> rest = args.subList(RUN_OPTIONS.size(), args.size());
        String image = rest.get(0);
        if (!rest.subList(1, 3).equals(List.of("bash", "-c")) || !rest.get(3).equals(RESTORE_SCRIPT) || !rest.get(4).equals("dayshift-restore")) {
            return ShellResult.fail(125, "docker: the lab runs only Dayshift's restore script in the one-shot container");
        }
        Optional<Container> mariadb = s.site().kolla().containers(s.node()).stream().filter(c -> c.name().equals("mariadb")).findFirst();
        if (mariadb.isEmpty()) {
            return ShellResult.fail(125, "docker: Error response from daemon: No such container: mariadb.");
        }
        if (!mariadb.get().image().equals(image)) {
            return ShellResult.fail(125, "Unable to find image '" + image + "' locally\ndocker: Error response from daemon: manifest for " + image
                    + " not found: manifest unknown: manifest unknown.");
        }
        try {
            return ShellResult.ok(s.site().backup().restoreMariaBackup(s.node(), rest.subList(5, rest.size())));
        } catch (LabException e) {
            return ShellResult.fail(e.kind() == LabException.Kind.NOT_FOUND ? 2 : 1, e.getMessage() + "\n");
        }
    }
}
