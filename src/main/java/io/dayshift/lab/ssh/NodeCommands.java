package io.dayshift.lab.ssh;

import io.dayshift.lab.model.CephStatus;
import io.dayshift.lab.model.Container;
import io.dayshift.lab.model.LabException;
import io.dayshift.lab.model.LabNode;
import java.util.List;
import java.util.Optional;

/** Commands run on a node: {@code docker ps -a}, {@code docker logs --tail N}, {@code docker exec mariadb …}, {@code mysqldump}, {@code mysql}, {@code ceph}. */
final class NodeCommands {

    ShellResult docker(Session s, List<String> args) {
        if (s.node().isEmpty()) {
            return ShellResult.fail(127, "sh: 1: docker: not found");
        }
        if (args.isEmpty()) {
            return ShellResult.fail(1, "Usage:  docker [OPTIONS] COMMAND");
        }
        switch (args.get(0)) {
            case "ps" -> {
                boolean all = args.contains("-a") || args.contains("--all");
                StringBuilder out = new StringBuilder(String.format("%-15s%-70s%-26s%-16s%-32s%-8s%s%n", "CONTAINER ID", "IMAGE", "COMMAND", "CREATED",
                        "STATUS", "PORTS", "NAMES"));
                for (Container c : s.site().kolla().containers(s.node())) {
                    if (all || c.running()) {
                        out.append(String.format("%-15s%-70s%-26s%-16s%-32s%-8s%s%n", c.id(), c.image(), "\"dumb-init --single-…\"", "3 days ago",
                                c.status(), "", c.name()));
                    }
                }
                return ShellResult.ok(out.toString());
            }
            case "logs" -> {
                int tail = 100;
                String container = null;
                for (int i = 1; i < args.size(); i++) {
                    String a = args.get(i);
                    if (a.equals("--tail") || a.equals("-n")) {
                        tail = Integer.parseInt(args.get(++i));
                    } else if (a.startsWith("--tail=")) {
                        tail = Integer.parseInt(a.substring("--tail=".length()));
                    } else if (!a.startsWith("-")) {
                        container = a;
                    }
                }
                if (container == null) {
                    return ShellResult.fail(1, "\"docker logs\" requires exactly 1 argument.");
                }
                try {
                    return ShellResult.ok(s.site().kolla().containerLogs(s.node(), container, tail));
                } catch (LabException e) {
                    return ShellResult.fail(1, e.getMessage());
                }
            }
            case "restart" -> { // sev1-incident
                if (args.size() != 2 || args.get(1).startsWith("-")) {
                    return ShellResult.fail(1, "\"docker restart\" requires at least 1 argument.");
                }
                try {
                    s.site().kolla().restartContainer(s.node(), args.get(1));
                    return ShellResult.ok(args.get(1) + "\n");
                } catch (LabException e) {
                    return ShellResult.fail(1, e.getMessage());
                }
            }
            case "run" -> {
                return MariaDbNodeCommands.run(s, args);
            }
            case "exec" -> { // daily health check
                return GaleraNodeCommands.exec(s, args);
            }
            default -> {
                return ShellResult.fail(1, "docker: '" + args.get(0) + "' is not a docker command the lab knows.");
            }
        }
    }

    ShellResult mysqldump(Session s, List<String> args) throws InterruptedException {
        String host = s.node().isEmpty() ? "mysql" : s.node();
        s.sleeper().sleep(s.site().perform(io.dayshift.lab.model.LabOperation.DATABASE_DUMP, host));
        try {
            return ShellResult.ok(s.site().backup().dumpDatabases(host));
        } catch (LabException e) {
            return ShellResult.fail(2, e.getMessage());
        }
    }

    ShellResult mysql(Session s, List<String> args) {
        String host = s.node().isEmpty() ? "mysql" : s.node();
        try {
            s.site().backup().restoreDatabases(host, s.stdin().get());
            return ShellResult.ok("");
        } catch (LabException e) {
            return ShellResult.fail(1, e.getMessage());
        }
    }

    ShellResult ceph(Session s, List<String> args) {
        Optional<CephStatus> ceph = s.site().ceph().status();
        if (ceph.isEmpty()) {
            return ShellResult.fail(127, "sh: 1: ceph: not found");
        }
        CephStatus c = ceph.get();
        String cmd = args.stream().filter(a -> !a.startsWith("-") && !a.equals("json") && !a.equals("json-pretty")).reduce((a, b) -> a + " " + b)
                .orElse("");
        boolean json = args.contains("json") || args.contains("--format=json") || args.contains("json-pretty");
        if (args.contains("-s") || cmd.equals("status") || cmd.equals("-s")) {
            return ShellResult.ok(json ? "{\"fsid\":\"" + c.fsid() + "\",\"health\":{\"status\":\"" + c.health() + "\"}}\n" : status(c));
        }
        if (cmd.startsWith("health")) {
            if (json) {
                return ShellResult.ok("{\"status\":\"" + c.health() + "\",\"checks\":{}}\n");
            }
            return ShellResult.ok(c.health() + (c.healthChecks().isEmpty() ? "" : " " + String.join("; ", c.healthChecks())) + "\n");
        }
        if (cmd.equals("config generate-minimal-conf")) {
            StringBuilder hosts = new StringBuilder();
            for (String mon : c.monitors()) {
                String address = s.site().node(mon).map(LabNode::address).orElse(mon);
                hosts.append(hosts.isEmpty() ? "" : " ").append("[v2:").append(address).append(":3300/0,v1:").append(address).append(":6789/0]");
            }
            return ShellResult.ok("# minimal ceph.conf for " + c.fsid() + "\n[global]\n\tfsid = " + c.fsid() + "\n\tmon_host = " + hosts + "\n");
        }
        if (cmd.startsWith("osd set ") || cmd.startsWith("osd unset ")) {
            String[] parts = cmd.split(" ");
            boolean set = parts[1].equals("set");
            s.site().ceph().setCephFlag(parts[2], set);
            return new ShellResult(0, "", parts[2] + " is " + (set ? "set" : "unset") + "\n");
        }
        return ShellResult.fail(22, "no valid command found; 10 closest matches:\nstatus\nhealth\nconfig generate-minimal-conf\nosd set <flag>\nosd unset <flag>\n"
                + "Error EINVAL: invalid command");
    }

    private static String status(CephStatus c) {
        return "  cluster:\n    id:     " + c.fsid() + "\n    health: " + c.health() + "\n"
                + c.healthChecks().stream().map(h -> "            " + h + "\n").reduce("", String::concat)
                + "\n  services:\n    mon: " + c.monitors().size() + " daemons, quorum " + String.join(",", c.monitors()) + " (age 3d)\n"
                + "    mgr: " + (c.monitors().isEmpty() ? "none" : c.monitors().get(0) + "(active, since 3d)") + "\n"
                + "    osd: " + c.osds() + " osds: " + c.osdsUp() + " up (since 3d), " + c.osdsUp() + " in (since 3d)"
                + (c.flags().isEmpty() ? "" : "\n         flags " + String.join(",", c.flags())) + "\n";
    }
}
