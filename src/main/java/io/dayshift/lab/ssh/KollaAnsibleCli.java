package io.dayshift.lab.ssh;

import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.PlaybookRun;
import io.dayshift.site.Flavour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * kolla-ansible on a kolla lab site's deployer, in both CLIs: the cliff CLI of kolla-ansible 20+ (2025.1)
 * {@code kolla-ansible <action> -i INV} with {@code mariadb-backup}/{@code mariadb-recovery}, and the older bash CLI
 * {@code kolla-ansible -i INV <action>} with {@code mariadb_backup}/{@code mariadb_recovery}. The run itself is
 * {@link LabSite#startPlaybook}: this class parses the command line, starts the run, waits out its simulated duration
 * in the foreground and prints its output with ansible-playbook's exit code. (A detached runner would start the run
 * the same way and poll {@link LabSite#playbookRun} instead of waiting.)
 */
final class KollaAnsibleCli {

    private static final Map<String, String> CLIFF = Map.of("prechecks", "prechecks", "pull", "pull", "bootstrap-servers", "bootstrap-servers",
            "deploy", "deploy", "upgrade", "upgrade", "reconfigure", "reconfigure", "stop", "stop", "mariadb-backup", "mariadb_backup",
            "mariadb-recovery", "mariadb_recovery");
    private static final Map<String, String> BASH = Map.of("prechecks", "prechecks", "pull", "pull", "bootstrap-servers", "bootstrap-servers",
            "deploy", "deploy", "upgrade", "upgrade", "reconfigure", "reconfigure", "stop", "stop", "mariadb_backup", "mariadb_backup",
            "mariadb_recovery", "mariadb_recovery");

    /** A parsed command line. */
    record Invocation(String action, String inventory, List<String> limit, boolean incremental, boolean confirmed) {
    }

    ShellResult run(Session s, List<String> args) throws InterruptedException {
        LabSite site = s.site();
        if (site.flavour() != Flavour.KOLLA) {
            return ShellResult.fail(127, "sh: 1: kolla-ansible: not found");
        }
        if (args.equals(List.of("--version"))) {
            return ShellResult.ok("kolla-ansible " + site.kollaAnsibleVersion() + "\n");
        }
        boolean cliff = major(site.kollaAnsibleVersion()) >= 20;
        Invocation inv;
        try {
            inv = parse(args, cliff);
        } catch (IllegalArgumentException e) {
            return ShellResult.fail(cliff ? 2 : 1, e.getMessage());
        }
        if (inv.action().equals("stop") && !inv.confirmed()) {
            return ShellResult.fail(1, "This will stop all deployed kolla containers, limit with tags is possible and also with\n"
                    + "skip_stop_containers. To confirm, please add the following option:\n--yes-i-really-really-mean-it");
        }
        if (site.file(inv.inventory()).isEmpty()) {
            return new ShellResult(1, "", "[WARNING]: Unable to parse " + inv.inventory() + " as an inventory source\n"
                    + "ERROR! Specified inventory, host pattern and/or --limit leaves us with no hosts to target.\n");
        }
        PlaybookRun run = site.startPlaybook(inv.action(), inv.limit(), inv.incremental());
        s.sleeper().sleep(Duration.between(run.startedAt(), run.finishesAt()));
        PlaybookRun done = site.finishPlaybook(run.id());
        String header = "Kolla Ansible playbook(s): " + inv.action() + "\n";
        if (done.exitCode() == 1) {
            return new ShellResult(1, header, done.output());
        }
        return new ShellResult(done.exitCode(), header + done.output(), "");
    }

    static Invocation parse(List<String> args, boolean cliff) {
        String action = null;
        String inventory = null;
        List<String> limit = new ArrayList<>();
        boolean incremental = false;
        boolean confirmed = false;
        Map<String, String> verbs = cliff ? CLIFF : BASH;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-i", "--inventory" -> inventory = value(args, ++i, a);
                case "--limit", "-l" -> limit.addAll(Arrays.asList(value(args, ++i, a).split(",")));
                case "-e", "--extra", "-t", "--tags", "--skip-tags", "--configdir", "--passwords" -> value(args, ++i, a);
                case "--incremental" -> incremental = true;
                case "--full" -> incremental = false;
                case "--yes-i-really-really-mean-it" -> confirmed = true;
                case "-v", "-vv", "-vvv", "--verbose" -> {
                    // more output on a real deployer
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException(cliff ? "kolla-ansible: error: unrecognized arguments: " + a : "Unknown option: " + a);
                    }
                    if (action != null) {
                        throw new IllegalArgumentException(cliff ? "kolla-ansible: error: unrecognized arguments: " + a : "Unknown action: " + a);
                    }
                    if (cliff && i != 0) {
                        throw new IllegalArgumentException("Unknown command " + args);
                    }
                    action = verbs.get(a);
                    if (action == null) {
                        throw new IllegalArgumentException(cliff ? "Unknown command ['" + a + "']" : "Unknown action: " + a
                                + (a.contains("-") && a.startsWith("mariadb") ? " (kolla-ansible before 20.x spells it with '_')" : ""));
                    }
                }
            }
        }
        if (action == null) {
            throw new IllegalArgumentException(cliff ? "kolla-ansible: error: the following arguments are required: command" : "No action given");
        }
        if (inventory == null) {
            inventory = "/etc/kolla/ansible/inventory/all-in-one";
        }
        return new Invocation(action, inventory, limit, incremental, confirmed);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args.get(i);
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
