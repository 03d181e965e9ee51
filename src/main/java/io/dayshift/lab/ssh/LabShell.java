package io.dayshift.lab.ssh;

import io.dayshift.lab.model.LabException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's command interpreter: reads the line like a shell ({@link CommandLine}), drops a leading {@code sudo -n},
 * runs each command against the site's model and stops at the first that fails, as {@code &&} does. A program it does
 * not know answers like {@code sh} does ({@code sh: 1: foo: not found}, exit 127).
 */
public final class LabShell {

    /** One program of the lab. */
    @FunctionalInterface
    public interface Program {
        ShellResult run(Session session, List<String> args) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(LabShell.class);

    private final Map<String, Program> programs;

    public LabShell(Map<String, Program> programs) {
        this.programs = Map.copyOf(programs);
    }

    /** The programs of a lab site: juju, kolla-ansible, the file commands the Kolla adapter uses, docker, mysqldump, mysql, ceph. */
    public static LabShell standard() {
        JujuCli juju = new JujuCli();
        KollaAnsibleCli kolla = new KollaAnsibleCli();
        FileCommands files = new FileCommands();
        NodeCommands node = new NodeCommands();
        return new LabShell(Map.ofEntries(
                Map.entry("juju", juju::run),
                Map.entry("kolla-ansible", kolla::run),
                Map.entry("cat", files::cat), Map.entry("tee", files::tee), Map.entry("cp", files::cp), Map.entry("mv", files::mv),
                Map.entry("rm", files::rm), Map.entry("mkdir", files::mkdir), Map.entry("test", files::test), Map.entry("wc", files::wc),
                Map.entry("true", (s, a) -> ShellResult.ok("")),
                Map.entry("docker", node::docker), Map.entry("mysqldump", node::mysqldump), Map.entry("mysql", node::mysql),
                Map.entry("ceph", node::ceph)));
    }

    public ShellResult execute(Session session, String line) {
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
