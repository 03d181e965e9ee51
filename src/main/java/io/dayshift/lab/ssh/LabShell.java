package io.dayshift.lab.ssh;

import io.dayshift.lab.model.LabException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's command interpreter: reads the line like a shell ({@link CommandLine}), drops a leading {@code sudo -n},
 * runs each command against the site's model and stops at the first that fails, as {@code &&} does. A program it does
 * not know answers like {@code sh} does ({@code sh: 1: foo: not found}, exit 127). The two scripts that start and look
 * at a detached run are recognised whole ({@link DetachedRunScripts}); nothing else with shell syntax is run.
 */
public final class LabShell {

    /** One program of the lab. */
    @FunctionalInterface
    public interface Program {
        ShellResult run(Session session, List<String> args) throws InterruptedException;
    }

    /** A program that can be started in the background ({@code nohup … &}) and keeps running in simulated time. */
    @FunctionalInterface
    public interface Background {
        BackgroundRun start(Session session, List<String> args);
    }

    /**
     * A command started in the background: its log (standard output and error together) at once, its whole log and exit
     * status once it ends at {@code endsAt} (now, for a command that ends at once).
     */
    public record BackgroundRun(String logAtStart, String finalLog, int exit, Instant endsAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(LabShell.class);

    private final Map<String, Program> programs;
    private final Map<String, Background> background;
    private final DetachedRunScripts detached = new DetachedRunScripts(this::startInBackground);

    public LabShell(Map<String, Program> programs) {
        this(programs, Map.of());
    }

    /** @param background the programs that keep running when started in the background; any other ends at once */
    public LabShell(Map<String, Program> programs, Map<String, Background> background) {
        this.programs = Map.copyOf(programs);
        this.background = Map.copyOf(background);
    }

    /** The programs of a lab site: juju, kolla-ansible, the file commands the Kolla adapter uses, docker, mysqldump, mysql, ceph. */
    public static LabShell standard() {
        return standard(new LabHosts());
    }

    /** As {@link #standard()}, with {@code scp} reaching the lab's other SSH hosts ({@code hosts}, e.g. a site's backup store). */
    public static LabShell standard(LabHosts hosts) {
        JujuCli juju = new JujuCli();
        KollaAnsibleCli kolla = new KollaAnsibleCli();
        FileCommands files = new FileCommands();
        NodeCommands node = new NodeCommands();
        AnsibleAdHoc ansible = new AnsibleAdHoc(node);
        BackupCommands backup = new BackupCommands(hosts);
        return new LabShell(Map.ofEntries(
                Map.entry("ansible", ansible::run),
                Map.entry("juju", juju::run),
                Map.entry("kolla-ansible", kolla::run),
                Map.entry("cat", files::cat), Map.entry("tee", files::tee), Map.entry("cp", files::cp), Map.entry("mv", files::mv),
                Map.entry("rm", files::rm), Map.entry("mkdir", files::mkdir), Map.entry("test", files::test), Map.entry("wc", files::wc),
                Map.entry("true", (s, a) -> ShellResult.ok("")),
                Map.entry("docker", node::docker), Map.entry("mysqldump", node::mysqldump),
                Map.entry("mysql", (s, a) -> backup.mysql(s, a, node::mysql)), Map.entry("ceph", (s, a) -> backup.ceph(s, a, node::ceph)),
                // backup-site
                Map.entry("sha256sum", backup::sha256sum), Map.entry("stat", backup::stat), Map.entry("ls", backup::ls),
                Map.entry("install", backup::install), Map.entry("tar", backup::tar), Map.entry("gzip", backup::gzip),
                Map.entry("zgrep", backup::zgrep), Map.entry("pg_dump", backup::pgDump), Map.entry("pg_restore", backup::pgRestore),
                Map.entry("vault", backup::vault), Map.entry("scp", backup::scp)),
                Map.of("kolla-ansible", kolla::background));
    }

    public ShellResult execute(Session session, String line) {
        Optional<ShellResult> script = detached.answer(session, line);
        if (script.isPresent()) {
            return script.get();
        }
        List<List<String>> commands;
        try {
            commands = CommandLine.parse(line);
        } catch (CommandLine.UnsupportedSyntaxException e) {
            return ShellResult.fail(2, "sh: 1: " + e.getMessage());
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int exit = 0;
        for (List<String> words : commands) {
            ShellResult r = runOne(session, words);
            out.append(r.stdout());
            err.append(r.stderr());
            exit = r.exit();
            if (exit != 0) {
                break;
            }
        }
        return new ShellResult(exit, out.toString(), err.toString());
    }

    /**
     * {@code nohup sh -c 'COMMAND' < /dev/null}: a program that keeps running starts in simulated time; any other command
     * line is run at once, as in the foreground, and its output becomes the log.
     */
    private BackgroundRun startInBackground(Session session, String commandLine) {
        Session detachedSession = new Session(session.site(), session.node(), () -> "", d -> { });
        try {
            List<List<String>> commands = CommandLine.parse(commandLine);
            if (commands.size() == 1) {
                List<String> w = withoutSudo(commands.get(0));
                Background b = w.isEmpty() ? null : background.get(w.get(0).substring(w.get(0).lastIndexOf('/') + 1));
                if (b != null) {
                    return b.start(detachedSession, w.subList(1, w.size()));
                }
            }
        } catch (CommandLine.UnsupportedSyntaxException e) {
            // answered below, as sh -c would answer the line
        } catch (LabException e) {
            return new BackgroundRun("", e.getMessage() + "\n", 1, session.site().now());
        } catch (RuntimeException e) {
            log.warn("lab site {}: '{}' failed inside the lab", session.site().name(), commandLine, e);
            return new BackgroundRun("", "internal error of the lab: " + e + "\n", 255, session.site().now());
        }
        ShellResult r = execute(detachedSession, commandLine);
        return new BackgroundRun("", r.stdout() + r.stderr(), r.exit(), session.site().now());
    }

    private static List<String> withoutSudo(List<String> words) {
        return words.size() >= 2 && words.get(0).equals("sudo") && words.get(1).equals("-n") ? words.subList(2, words.size()) : words;
    }

    private ShellResult runOne(Session session, List<String> words) {
        List<String> w = words;
        if (w.size() >= 2 && w.get(0).equals("sudo") && w.get(1).equals("-n")) {
            w = w.subList(2, w.size());
        }
        if (w.isEmpty()) {
            return ShellResult.ok("");
        }
        String program = w.get(0);
        String base = program.substring(program.lastIndexOf('/') + 1);
        Program p = programs.get(base);
        if (p == null) {
            return ShellResult.fail(127, "sh: 1: " + program + ": not found");
        }
        try {
            return p.run(session, w.subList(1, w.size()));
        } catch (LabException e) {
            return ShellResult.fail(1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ShellResult.fail(130, "");
        } catch (RuntimeException e) {
            log.warn("lab site {}: '{}' failed inside the lab", session.site().name(), String.join(" ", w), e);
            return ShellResult.fail(255, base + ": internal error of the lab: " + e);
        }
    }
}
