package io.dayshift.lab.ssh;

import io.dayshift.lab.model.Container;
import io.dayshift.lab.model.LabSite;
import io.dayshift.site.Flavour;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ansible <pattern> -i <inventory> [--become] -m command -a '<command>'} on the deployer of a kolla lab site, as
 * runbooks reach single nodes (add-compute-node: {@code nova-manage cell_v2 discover_hosts} in the nova_conductor
 * container of the first conductor). Answers per host in the minimal callback's format Ansible uses for ad-hoc
 * commands, exits 2 when a host failed and 4 when one was unreachable. The command module runs only the few node
 * commands the lab knows; any other answers as a missing executable would.
 */
final class AnsibleAdHoc {

    private static final Set<String> WITH_VALUE = Set.of("-i", "--inventory", "-m", "--module-name", "-a", "--args", "-u", "--user", "-f", "--forks");
    private static final List<String> DISCOVER_HOSTS = List.of("docker", "exec", "nova_conductor", "nova-manage", "cell_v2", "discover_hosts",
            "--by-service");

    ShellResult run(Session s, List<String> args) {
        LabSite site = s.site();
        if (site.flavour() != Flavour.KOLLA) {
            return ShellResult.fail(127, "sh: 1: ansible: not found");
        }
        String pattern = null;
        String inventory = null;
        String module = "command";
        String moduleArgs = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (WITH_VALUE.contains(a) && i + 1 < args.size()) {
                String value = args.get(++i);
                switch (a) {
                    case "-i", "--inventory" -> inventory = value;
                    case "-m", "--module-name" -> module = value;
                    case "-a", "--args" -> moduleArgs = value;
                    default -> {
                    }
                }
            } else if (!a.startsWith("-")) {
                if (pattern != null) {
                    return ShellResult.fail(5, "ERROR! Extraneous options or arguments\n");
                }
                pattern = a;
            }
        }
        if (pattern == null) {
            return ShellResult.fail(5, "usage: ansible [-h] [--version] [-v] [-b] ... pattern\nansible: error: the following arguments are required: pattern\n");
        }
        if (inventory == null || !inventory.equals(site.inventoryPath())) {
            return new ShellResult(0, "", "[WARNING]: Unable to parse " + (inventory == null ? "/etc/ansible/hosts" : inventory)
                    + " as an inventory source\n[WARNING]: No inventory was parsed, only implicit localhost is available\n"
                    + "[WARNING]: Could not match supplied host pattern, ignoring: " + pattern + "\n");
        }
        if (!module.equals("command")) {
            return ShellResult.fail(2, "ERROR! the lab runs only the command module, not " + module + "\n");
        }
        List<String> hosts = site.inventoryHosts(pattern);
        if (hosts.isEmpty()) {
            return new ShellResult(0, "", "[WARNING]: Could not match supplied host pattern, ignoring: " + pattern + "\n"
                    + "[WARNING]: No hosts matched, nothing to do\n");
        }
        List<String> words = moduleArgs == null ? List.of() : List.of(moduleArgs.strip().split("\\s+"));
        StringBuilder out = new StringBuilder();
        int exit = 0;
        for (String host : hosts) {
            if (!site.nodeReachable(host)) {
                out.append(host).append(" | UNREACHABLE! => {\n    \"changed\": false,\n    \"msg\": \"Failed to connect to the host via ssh: ssh: connect to host ")
                        .append(host).append(" port 22: No route to host\",\n    \"unreachable\": true\n}\n");
                exit = 4;
                continue;
            }
            ShellResult r = command(site, host, words);
            if (r.exit() == 0) {
                out.append(host).append(" | CHANGED | rc=0 >>\n").append(r.stdout());
            } else {
                out.append(host).append(" | FAILED | rc=").append(r.exit()).append(" >>\n").append(r.stdout()).append(r.stderr())
                        .append("non-zero return code\n");
                exit = Math.max(exit, 2);
            }
        }
        return new ShellResult(exit, out.toString(), "");
    }

    /** The node commands the lab knows behind Ansible's command module. */
    private static ShellResult command(LabSite site, String host, List<String> words) {
        List<String> withoutVerbose = new ArrayList<>(words);
        boolean verbose = withoutVerbose.remove("--verbose");
        if (withoutVerbose.equals(DISCOVER_HOSTS)) {
            boolean conductor = site.containers(host).stream().anyMatch(c -> c.name().equals("nova_conductor") && c.running());
            if (!conductor) {
                return ShellResult.fail(1, "Error response from daemon: No such container: nova_conductor\n");
            }
            String output = site.discoverHosts();
            return ShellResult.ok(verbose ? output : "");
        }
        if (words.size() == 3 && words.get(0).equals("docker") && words.get(1).equals("ps") && words.get(2).equals("-a")) {
            StringBuilder out = new StringBuilder("CONTAINER ID   IMAGE   STATUS   NAMES\n");
            for (Container c : site.containers(host)) {
                out.append(c.id()).append("   ").append(c.image()).append("   ").append(c.status()).append("   ").append(c.name()).append('\n');
            }
            return ShellResult.ok(out.toString());
        }
        return ShellResult.fail(2, "[Errno 2] No such file or directory: b'" + (words.isEmpty() ? "" : words.get(0)) + "'\n");
    }
}
