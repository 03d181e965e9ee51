package io.dayshift.lab.ssh;

import io.dayshift.lab.model.Container;
import io.dayshift.lab.model.LabException;
import io.dayshift.shell.MariaDbCommands;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The daily health check on a Kolla node: {@code docker exec mariadb sh -c '<query>'}, Dayshift's Galera status query run
 * with the credentials Kolla put into the container. The command is recognised whole, as {@link MariaDbCommands#wsrepStatus}
 * builds it; any other command in a container is refused. It prints {@code mariadb --batch --skip-column-names} output: name, tab, value.
 */
final class GaleraNodeCommands {

    /** {@code docker exec mariadb sh -c '<query>'} as Dayshift builds it ({@link MariaDbCommands#wsrepStatus}), without {@code docker}. */
    private static final List<String> WSREP_STATUS = words();

    private GaleraNodeCommands() {
    }

    static ShellResult exec(Session s, List<String> args) {
        if (!args.equals(WSREP_STATUS)) {
            return ShellResult.fail(126, "docker: the lab runs only Dayshift's Galera status query in a container, not: docker " + String.join(" ", args));
        }
        Optional<Container> mariadb = s.site().kolla().containers(s.node()).stream().filter(c -> c.name().equals("mariadb")).findFirst();
        if (mariadb.isEmpty()) {
            return ShellResult.fail(1, "Error response from daemon: No such container: mariadb");
        }
        if (!mariadb.get().running()) {
            return ShellResult.fail(1, "Error response from daemon: Container " + mariadb.get().id() + " is not running");
        }
        try {
            StringBuilder out = new StringBuilder();
            new TreeMap<>(s.site().kolla().wsrepStatus(s.node())).forEach((k, v) -> out.append(k).append('\t').append(v).append('\n'));
            return ShellResult.ok(out.toString());
        } catch (LabException e) {
            return ShellResult.fail(1, e.getMessage());
        }
    }

    private static List<String> words() {
        List<String> words = DayshiftCommands.words(MariaDbCommands.wsrepStatus());
        if (words.isEmpty() || !words.get(0).equals("docker")) {
            throw new IllegalStateException("Dayshift's Galera status query is no longer a docker command: " + String.join(" ", words));
        }
        return List.copyOf(words.subList(1, words.size()));
    }
}
