package io.dayshift.lab.ssh;

import io.dayshift.lab.model.Container;
import io.dayshift.lab.model.LabException;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The daily health check on a Kolla node: {@code docker exec mariadb sh -c '<query>'}, Dayshift's Galera status query run
 * with the credentials Kolla put into the container. The script is recognised whole, as the lab's copy of Dayshift's; any
 * other command in a container is refused. It prints {@code mariadb --batch --skip-column-names} output: name, tab, value.
 */
final class GaleraNodeCommands {

    /** The lab's copy of the query Dayshift runs in the mariadb container. */
    static final String WSREP_SCRIPT = String.join(" ",
            "MYSQL_PWD=\"$MYSQL_PASSWORD\" exec mariadb --host=\"$MYSQL_HOST\" --user=\"$MYSQL_USERNAME\" --batch --skip-column-names",
            "--execute=\"SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_cluster_status', 'wsrep_local_state_comment')\"");

    private GaleraNodeCommands() {
    }

    static ShellResult exec(Session s, List<String> args) {
        if (!args.equals(List.of("exec", "mariadb", "sh", "-c", WSREP_SCRIPT))) {
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
}
