package io.dayshift.lab.ssh;

import io.dayshift.lab.model.Container;
import io.dayshift.lab.model.LabException;
import io.dayshift.shell.MariaDbCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * dr-restore on a Kolla node: the one-shot mariabackup container of Kolla's manual restore ({@code docker run --rm
 * --volumes-from mariadb --volume mariadb_backup:/backup <image> bash -c '<script>' dayshift-restore <full> [<incremental>…]}).
 * The command is recognised whole, as {@link MariaDbCommands#restoreFromBackup} builds it for the image and backups it
 * names; any other container, option or script is refused.
 */
final class MariaDbNodeCommands {

    /** The word after which the script's arguments (the backups' file names) come. */
    private static final String SCRIPT_NAME = "dayshift-restore";

    private MariaDbNodeCommands() {
    }

    static ShellResult run(Session s, List<String> args) {
        int bash = args.indexOf("bash");
        int name = args.indexOf(SCRIPT_NAME);
        if (bash < 1 || name < bash || !dayshifts(args.get(bash - 1), args.subList(name + 1, args.size()), args)) {
            return ShellResult.fail(125, "docker: the lab runs only Dayshift's one-shot MariaDB restore container, not: docker " + String.join(" ", args));
        }
        String image = args.get(bash - 1);
        Optional<Container> mariadb = s.site().kolla().containers(s.node()).stream().filter(c -> c.name().equals("mariadb")).findFirst();
        if (mariadb.isEmpty()) {
            return ShellResult.fail(125, "docker: Error response from daemon: No such container: mariadb.");
        }
        if (!mariadb.get().image().equals(image)) {
            return ShellResult.fail(125, "Unable to find image '" + image + "' locally\ndocker: Error response from daemon: manifest for " + image
                    + " not found: manifest unknown: manifest unknown.");
        }
        try {
            return ShellResult.ok(s.site().backup().restoreMariaBackup(s.node(), args.subList(name + 1, args.size())));
        } catch (LabException e) {
            return ShellResult.fail(e.kind() == LabException.Kind.NOT_FOUND ? 2 : 1, e.getMessage() + "\n");
        }
    }

    /** Whether {@code docker <args>} is the restore Dayshift builds for this image and chain. */
    private static boolean dayshifts(String image, List<String> chain, List<String> args) {
        List<String> line = new ArrayList<>(List.of("docker"));
        line.addAll(args);
        try {
            return !chain.isEmpty() && DayshiftCommands.words(MariaDbCommands.restoreFromBackup(image, chain)).equals(line);
        } catch (IllegalArgumentException refusedByDayshift) {
            return false;
        }
    }
}
