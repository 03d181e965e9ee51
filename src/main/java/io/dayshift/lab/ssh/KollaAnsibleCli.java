package io.dayshift.lab.ssh;

import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.PlaybookRun;
import io.dayshift.site.Flavour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kolla-ansible on a kolla lab site's deployer, in both CLIs: the cliff CLI of kolla-ansible 20+ (2025.1)
 * {@code kolla-ansible <action> -i INV} with {@code mariadb-backup}/{@code mariadb-recovery}, and the older bash CLI
 * {@code kolla-ansible -i INV <action>} with {@code mariadb_backup}/{@code mariadb_recovery}. The run itself is
 * {@link LabSite#startPlaybook}; this class parses the command line, starts the run and says what the CLI prints around
 * ansible-playbook's output, and with which exit status:
 * <ul>
 * <li>the bash CLI ({@code tools/kolla-ansible} up to 19.x, {@code process_cmd}) prints {@code <Action> : ansible-playbook …}
 * first and, when ansible-playbook fails, {@code Command failed ansible-playbook …} and exits 1 whatever ansible-playbook's
 * own exit code was (2 for failed hosts, 4 for unreachable ones): only the PLAY RECAP tells them apart;</li>
 * <li>the cliff CLI logs the action on standard error and, when ansible-playbook fails, {@code Kolla Ansible playbook(s) …
 * exited N} and exits with ansible-playbook's code.</li>
 * </ul>
 * In the foreground ({@link #run}) it waits out the run's simulated duration; started in the background ({@link #background})
 * it returns at once and the run's log and exit status appear when the run ends.
 */
final class KollaAnsibleCli {

    private static final Map<String, String> CLIFF = Map.of("prechecks", "prechecks", "pull", "pull", "bootstrap-servers", "bootstrap-servers",
            "deploy", "deploy", "upgrade", "upgrade", "reconfigure", "reconfigure", "stop", "stop", "mariadb-backup", "mariadb_backup",
            "mariadb-recovery", "mariadb_recovery");
    private static final Map<String, String> BASH = Map.of("prechecks", "prechecks", "pull", "pull", "bootstrap-servers", "bootstrap-servers",
            "deploy", "deploy", "upgrade", "upgrade", "reconfigure", "reconfigure", "stop", "stop", "mariadb_backup", "mariadb_backup",
            "mariadb_recovery", "mariadb_recovery");
    /** Where a pip install into /usr/local puts the playbooks ({@code BASEDIR} of the bash CLI, the data files of the cliff one). */
    private static final String SHARE = "/usr/local/share/kolla-ansible/ansible/";
    private static final String CONFIG_DIR = "/etc/kolla";

    /** A parsed command line. */
    record Invocation(String action, String inventory, List<String> limit, boolean incremental, boolean confirmed) {
    }

    /** A piece of output, on standard error or standard output, in the order the CLI writes them. */
    record Chunk(boolean stderr, String text) {
    }

    /**
     * What a command line does: the output written at once, the output written when it ends (including the first), its exit
     * status and the playbook run it started, if it got that far.
     */
    record Launch(Optional<PlaybookRun> run, List<Chunk> atStart, List<Chunk> whole, int exit) {

        static Launch ended(int exit, List<Chunk> output) {
            return new Launch(Optional.empty(), output, output, exit);
        }

        ShellResult result() {
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            whole.forEach(c -> (c.stderr() ? err : out).append(c.text()));
            return new ShellResult(exit, out.toString(), err.toString());
        }

        static String log(List<Chunk> chunks) {
            StringBuilder log = new StringBuilder();
            chunks.forEach(c -> log.append(c.text()));
            return log.toString();
        }
    }

    /** In the foreground: starts the run, waits out its simulated duration, and answers its output and exit status. */
    ShellResult run(Session s, List<String> args) throws InterruptedException {
        Launch launch = launch(s, args);
        if (launch.run().isPresent()) {
            PlaybookRun run = launch.run().get();
            s.sleeper().sleep(Duration.between(run.startedAt(), run.finishesAt()));
            s.site().kolla().finishPlaybook(run.id());
        }
        return launch.result();
    }

    /** In the background ({@code nohup … > log 2>&1}): what the log holds at once and at the end, when the run ends. */
    LabShell.BackgroundRun background(Session s, List<String> args) {
        Launch launch = launch(s, args);
        return new LabShell.BackgroundRun(Launch.log(launch.atStart()), Launch.log(launch.whole()), launch.exit(),
                launch.run().map(PlaybookRun::finishesAt).orElse(s.site().now()));
    }

    Launch launch(Session s, List<String> args) {
        LabSite site = s.site();
        if (site.flavour() != Flavour.KOLLA) {
            return Launch.ended(127, List.of(new Chunk(true, "sh: 1: kolla-ansible: not found\n")));
        }
        if (args.equals(List.of("--version"))) {
            return Launch.ended(0, List.of(new Chunk(false, "kolla-ansible " + site.kolla().kollaAnsibleVersion() + "\n")));
        }
        boolean cliff = major(site.kolla().kollaAnsibleVersion()) >= 20;
        Invocation inv;
        try {
            inv = parse(args, cliff);
        } catch (IllegalArgumentException e) {
            return Launch.ended(cliff ? 2 : 1, List.of(new Chunk(true, e.getMessage() + "\n")));
        }
        if (inv.action().equals("stop") && !inv.confirmed()) {
            return cliff
                    ? Launch.ended(2, List.of(new Chunk(true, "kolla-ansible stop: error: the following arguments are required: --yes-i-really-really-mean-it\n")))
                    : Launch.ended(1, List.of(new Chunk(false, "WARNING:\n    This will stop all deployed kolla containers, limit with tags is possible and also with\n"
                    + "    skip_stop_containers variable. To confirm, please add the following option:\n    --yes-i-really-really-mean-it\n")));
        }
        List<Chunk> atStart = List.of(cliff ? new Chunk(true, title(inv.action()) + "\n")
                : new Chunk(false, title(inv.action()) + " : " + ansiblePlaybook(inv) + "\n"));
        if (site.kolla().file(inv.inventory()).isEmpty()) {
            return finished(inv, cliff, atStart, new Chunk(true, "[WARNING]: Unable to parse " + inv.inventory() + " as an inventory source\n"
                    + "ERROR! Specified inventory, host pattern and/or --limit leaves us with no hosts to target.\n"), 1, Optional.empty());
        }
        PlaybookRun run = site.kolla().startPlaybook(inv.action(), inv.limit(), inv.incremental());
        return finished(inv, cliff, atStart, new Chunk(run.exitCode() == 1, run.output()), run.exitCode(), Optional.of(run));
    }

    /** The CLI's output around ansible-playbook's, and its exit status. */
    private static Launch finished(Invocation inv, boolean cliff, List<Chunk> atStart, Chunk playbookOutput, int playbookExit, Optional<PlaybookRun> run) {
        List<Chunk> whole = new ArrayList<>(atStart);
        whole.add(playbookOutput);
        int exit = playbookExit;
        if (playbookExit != 0) {
            if (cliff) {
                whole.add(new Chunk(true, "Kolla Ansible playbook(s) " + playbook(inv, true) + " exited " + playbookExit + "\n"));
            } else {
                whole.add(new Chunk(false, "Command failed " + ansiblePlaybook(inv) + "\n"));
                exit = 1;
            }
        }
        return new Launch(run, atStart, List.copyOf(whole), exit);
    }

    /** What kolla-ansible says it does ({@code ACTION} of the bash CLI, the log line of the cliff one). */
    private static String title(String action) {
        return switch (action) {
            case "prechecks" -> "Pre-deployment checking";
            case "pull" -> "Pulling Docker images";
            case "bootstrap-servers" -> "Bootstrapping servers";
            case "deploy" -> "Deploying Playbooks";
            case "upgrade" -> "Upgrading OpenStack Environment";
            case "reconfigure" -> "Reconfigure OpenStack service";
            case "stop" -> "Stop Kolla containers";
            case "mariadb_backup" -> "Backup MariaDB databases";
            case "mariadb_recovery" -> "Attempting to restart mariadb cluster";
            default -> action;
        };
    }

    private static String playbook(Invocation inv, boolean cliff) {
        String name = switch (inv.action()) {
            case "bootstrap-servers" -> "kolla-host";
            case "mariadb_backup" -> cliff ? "mariadb-backup" : "mariadb_backup";
            case "mariadb_recovery" -> cliff ? "mariadb-recovery" : "mariadb_recovery";
            default -> "site";
        };
        return SHARE + name + ".yml";
    }

    /** The ansible-playbook command line the bash CLI builds and echoes ({@code CMD}, spaces as it leaves them). */
    private static String ansiblePlaybook(Invocation inv) {
        StringBuilder extra = new StringBuilder();
        if (!inv.limit().isEmpty()) {
            extra.append(" --limit ").append(String.join(",", inv.limit()));
        }
        extra.append(switch (inv.action()) {
            case "prechecks" -> " -e kolla_action=precheck";
            case "mariadb_recovery" -> " -e kolla_action=deploy";
            case "mariadb_backup" -> " -e kolla_action=backup -e mariadb_backup_type=" + (inv.incremental() ? "incremental" : "full");
            case "upgrade", "reconfigure" -> " -e kolla_action=" + inv.action() + " -e kolla_serial=0";
            default -> " -e kolla_action=" + inv.action();
        });
        String configOpts = "-e @" + CONFIG_DIR + "/globals.yml  -e @" + CONFIG_DIR + "/passwords.yml -e CONFIG_DIR=" + CONFIG_DIR;
        return "ansible-playbook " + configOpts + " " + extra + " " + playbook(inv, false) + "  --inventory " + inv.inventory();
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
