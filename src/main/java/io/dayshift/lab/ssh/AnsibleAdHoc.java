package io.dayshift.lab.ssh;

import io.dayshift.lab.model.LabException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ansible <pattern> -i <inventory> -m command -a '<command>'} on the deployer: the hosts of the pattern in the
 * inventory file, each running the command as a node of the lab would ({@code docker ps -a}, {@code docker logs --tail N
 * <container>}), answered in the ad-hoc stdout callback's format ({@code minimal}) and with Ansible's exit codes: 0, 2 when
 * a host failed, 4 when a host was unreachable. Only the {@code command} module is known; its argument is split as the
 * module splits it (quotes, no shell).
 */
final class AnsibleAdHoc {

    private final NodeCommands node;

    AnsibleAdHoc(NodeCommands node) {
        this.node = node;
    }

    ShellResult run(Session s, List<String> args) throws InterruptedException {
        String pattern = null;
        String inventory = null;
        String module = "command";
        String moduleArgs = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-i", "--inventory", "--inventory-file" -> inventory = value(args, ++i, a);
                case "-m", "--module-name" -> module = value(args, ++i, a);
                case "-a", "--args" -> moduleArgs = value(args, ++i, a);
                case "-b", "--become" -> {
                    // root on the node: the lab's nodes do not tell users apart
                }
                default -> {
                    if (a.startsWith("-") || pattern != null) {
                        return ShellResult.fail(2, "usage: ansible [-h] [--version] [-v] [-b] [-i INVENTORY] [-m MODULE_NAME] [-a MODULE_ARGS] pattern\n"
                                + "ansible: error: unrecognized arguments: " + a);
                    }
                    pattern = a;
                }
            }
        }
        if (pattern == null) {
            return ShellResult.fail(2, "usage: ansible [-h] [--version] [-v] [-b] [-i INVENTORY] [-m MODULE_NAME] [-a MODULE_ARGS] pattern\n"
                    + "ansible: error: the following arguments are required: pattern");
        }
        if (!module.equals("command") && !module.equals("ansible.builtin.command")) {
            return ShellResult.fail(1, "ERROR! the lab's ansible runs only the command module, not " + module);
        }
        if (moduleArgs == null || moduleArgs.isBlank()) {
            return ShellResult.fail(1, "ERROR! No argument passed to command module");
        }
        StringBuilder warnings = new StringBuilder();
        List<String> hosts = inventory == null ? List.of() : s.site().kolla().inventoryHosts(inventory, pattern);
        if (inventory == null || s.site().kolla().file(inventory).isEmpty()) {
            warnings.append("[WARNING]: Unable to parse ").append(inventory).append(" as an inventory source\n")
                    .append("[WARNING]: No inventory was parsed, only implicit localhost is available\n");
        }
        if (hosts.isEmpty()) {
            warnings.append("[WARNING]: Could not match supplied host pattern, ignoring: ").append(pattern).append('\n');
            return new ShellResult(0, "", warnings.toString());
        }
        List<String> words;
        try {
            List<List<String>> parsed = CommandLine.parse(moduleArgs);
            words = parsed.size() == 1 ? parsed.get(0) : List.of();
        } catch (CommandLine.UnsupportedSyntaxException e) {
            words = List.of();
        }
        StringBuilder out = new StringBuilder();
        int exit = 0;
        for (String host : hosts) {
            if (!s.site().nodeReachable(host)) {
                out.append(host).append(" | UNREACHABLE! => {\n    \"changed\": false,\n    \"msg\": \"Failed to connect to the host via ssh: ssh: connect to host ")
                        .append(host).append(" port 22: No route to host\",\n    \"unreachable\": true\n}\n");
                exit = 4;
                continue;
            }
            ShellResult r = onNode(new Session(s.site(), host, () -> "", s.sleeper()), words);
            if (r == null) {
                String program = words.isEmpty() ? moduleArgs : words.get(0);
                out.append(host).append(" | FAILED! => {\n    \"changed\": false,\n    \"cmd\": \"").append(program)
                        .append("\",\n    \"msg\": \"[Errno 2] No such file or directory: b'").append(program).append("'\",\n    \"rc\": 2\n}\n");
                exit = exit == 4 ? 4 : 2;
                continue;
            }
            out.append(host).append(r.exit() == 0 ? " | CHANGED | rc=0 >>\n" : " | FAILED | rc=" + r.exit() + " >>\n")
                    .append(stripLastNewline(r.stdout())).append(stripLastNewline(r.stderr()))
                    .append(r.exit() == 0 ? "" : "non-zero return code").append('\n');
            if (r.exit() != 0 && exit == 0) {
                exit = 2;
            }
        }
        return new ShellResult(exit, out.toString(), warnings.toString());
    }

    /** The node's answer, or null when the program does not exist there (the command module's Errno 2). */
    private ShellResult onNode(Session nodeSession, List<String> words) throws InterruptedException {
        if (words.isEmpty() || !words.get(0).equals("docker")) {
            return null;
        }
        if (words.size() > 3 && words.subList(1, 4).equals(List.of("exec", "nova_conductor", "nova-manage"))) {
            return novaManage(nodeSession, words.subList(4, words.size()));
        }
        try {
            return node.docker(nodeSession, new ArrayList<>(words.subList(1, words.size())));
        } catch (LabException e) {
            return ShellResult.fail(1, e.getMessage());
        }
    }

    /**
     * add-compute-node: {@code docker exec nova_conductor nova-manage cell_v2 discover_hosts --by-service [--verbose]} on a
     * controller whose nova_conductor runs; nova-manage prints its progress only with {@code --verbose}.
     */
    private static ShellResult novaManage(Session nodeSession, List<String> args) {
        boolean conductor = nodeSession.site().kolla().containers(nodeSession.node()).stream().anyMatch(c -> c.name().equals("nova_conductor") && c.running());
        if (!conductor) {
            return ShellResult.fail(1, "Error response from daemon: No such container: nova_conductor\n");
        }
        List<String> options = new ArrayList<>(args);
        boolean verbose = options.remove("--verbose");
        if (!options.equals(List.of("cell_v2", "discover_hosts", "--by-service"))) {
            return ShellResult.fail(2, "nova-manage: the lab knows only cell_v2 discover_hosts --by-service [--verbose], not " + String.join(" ", args) + "\n");
        }
        String output = nodeSession.site().nova().discoverHosts();
        return ShellResult.ok(verbose ? output : "");
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "ansible: error: argument " + option + ": expected one argument");
        }
        return args.get(i);
    }

    private static String stripLastNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
