package io.dayshift.lab.ssh;

import io.dayshift.lab.model.LabFile;
import io.dayshift.lab.model.LabSite;
import io.dayshift.shell.DetachedRun;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two scripts with which Dayshift starts a command in the background on a host and looks at it later (its
 * {@code DetachedRun}), recognised whole, and answered exactly as {@code sh} running them would answer, on the run
 * directory {@code <base>/<runId>/} kept among the site's files ({@code command}, {@code started}, {@code boot},
 * {@code pid}, {@code log}, and once the command ended {@code ended} and {@code rc}).
 *
 * <p>This is not a shell: a line is one of these scripts only if it is the script's constant text, character for
 * character, with single-quoted words (and a number) where the script takes its values, the same directory everywhere,
 * and inside the start script the command quoted twice over exactly as the script builds it. Any other line goes to
 * {@link CommandLine}, which refuses shell syntax as before. The texts are Dayshift's own ({@link DetachedRun#SCRIPTS}):
 * a change of their constant text is recognised at once; a change of what they do, or of their placeholders, shows in
 * the lab's tests, which render the scripts with {@link DetachedRun} and read the lab's answers back with it.
 */
final class DetachedRunScripts {

    private static final String START = DetachedRun.SCRIPTS.start();
    private static final String RECORD_EXIT = DetachedRun.SCRIPTS.recordExit();
    private static final String INSPECT = DetachedRun.SCRIPTS.inspect();
    private static final String MARKER = DetachedRun.SCRIPTS.marker();

    /** One word in POSIX single quotes, a quote inside written {@code '\''}. */
    private static final String QUOTED = "'[^']*'(?:\\\\''[^']*')*";
    private static final Map<String, String> VALUES = Map.of("BASE", QUOTED, "DIR", QUOTED, "COMMAND", QUOTED, "INNER", QUOTED, "TAIL", "[0-9]{1,9}");
    private static final Pattern START_SCRIPT = shape(START);
    private static final Pattern INSPECT_SCRIPT = shape(INSPECT);

    private final BiFunction<Session, String, LabShell.BackgroundRun> launcher;

    /** @param launcher starts a command line in the background ({@code nohup sh -c}) */
    DetachedRunScripts(BiFunction<Session, String, LabShell.BackgroundRun> launcher) {
        this.launcher = launcher;
    }

    /** The answer to {@code line} if it is one of the two scripts; empty for any other line. */
    Optional<ShellResult> answer(Session session, String line) {
        Matcher start = START_SCRIPT.matcher(line);
        if (start.matches()) {
            return startScript(start).map(s -> start(session, s));
        }
        Matcher inspect = INSPECT_SCRIPT.matcher(line);
        if (inspect.matches()) {
            return Optional.of(inspect(session, unquote(inspect.group("DIR")), Integer.parseInt(inspect.group("TAIL"))));
        }
        return Optional.empty();
    }

    /** A start script's values. */
    record StartScript(String base, String directory, String command) {
    }

    /** The values of a line of the start script's shape whose inner command is the one it records; empty otherwise. */
    static Optional<StartScript> startScript(Matcher m) {
        String base = unquote(m.group("BASE"));
        String directory = unquote(m.group("DIR"));
        String command = unquote(m.group("COMMAND"));
        String inner = "(" + command + ")" + RECORD_EXIT.replace("@DIR@", m.group("DIR"));
        if (!unquote(m.group("INNER")).equals(inner)) {
            return Optional.empty();
        }
        return Optional.of(new StartScript(base, directory, command));
    }

    private ShellResult start(Session session, StartScript script) {
        LabSite site = session.site();
        String dir = script.directory();
        switch (site.kolla().createRunDirectory(script.base(), dir, script.command())) {
            case BASE_NOT_A_DIRECTORY -> {
                return new ShellResult(3, "", "mkdir: cannot create directory '" + script.base() + "': File exists\n"
                        + "cannot keep runs in " + script.base() + " (not a directory of this user, or a symbolic link)\n");
            }
            case CANNOT_CREATE -> {
                return new ShellResult(3, "", "cannot create run directory " + dir + "\n");
            }
            case CREATED -> {
                LabShell.BackgroundRun run = launcher.apply(session, script.command());
                site.kolla().launchDetached(dir, run.logAtStart(), run.finalLog(), run.exit(), run.endsAt());
                return ShellResult.ok("launched\n" + content(site, dir + "/started") + content(site, dir + "/command"));
            }
            default -> {
                return ShellResult.ok("existing\n" + content(site, dir + "/started") + content(site, dir + "/command"));
            }
        }
    }

    private static ShellResult inspect(Session session, String dir, int tailBytes) {
        LabSite site = session.site();
        if (!site.kolla().isDirectory(dir)) {
            return ShellResult.ok("\n" + MARKER + "\nmissing\n");
        }
        String p = site.kolla().file(dir + "/pid").map(LabFile::content).orElse("").replaceAll("\n+$", "");
        String state;
        if (site.kolla().file(dir + "/rc").isPresent()) {
            state = "finished";
        } else if (site.kolla().file(dir + "/boot").filter(b -> b.size() > 0).map(b -> !b.content().replaceAll("\n+$", "").equals(site.kolla().bootId()))
                .orElse(false)) {
            state = "restarted";
        } else if (!p.matches("[0-9]+")) {
            state = "no-pid";
        } else if (p.length() <= 18 && site.kolla().processAlive(Long.parseLong(p))) {
            state = "running";
        } else if (site.kolla().file(dir + "/rc").isPresent()) {
            state = "finished";
        } else {
            state = "gone";
        }
        StringBuilder out = new StringBuilder();
        Optional<LabFile> log = site.kolla().file(dir + "/log");
        if (!state.equals("running")) {
            log.ifPresent(l -> out.append(tail(l.content(), tailBytes)));
        }
        out.append('\n').append(MARKER).append('\n')
                .append(state).append('\n')
                .append(content(site, dir + "/rc"))
                .append(p).append('\n')
                .append(content(site, dir + "/started"))
                .append(content(site, dir + "/ended"))
                .append(site.now().getEpochSecond()).append('\n')
                .append(log.map(LabFile::size).orElse(0L)).append('\n');
        return ShellResult.ok(out.toString());
    }

    /** {@code cat FILE 2>/dev/null || echo}. */
    private static String content(LabSite site, String path) {
        return site.kolla().file(path).map(LabFile::content).orElse("\n");
    }

    /** {@code tail -c N}: the last N bytes. */
    private static String tail(String text, int bytes) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        return all.length <= bytes ? text : new String(Arrays.copyOfRange(all, all.length - bytes, all.length), StandardCharsets.UTF_8);
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("'\\''", "'");
    }

    /** The script's text as a pattern: its constant text literally, each value a named group, a value seen again its back-reference. */
    private static Pattern shape(String template) {
        Matcher m = Pattern.compile("@([A-Z]+)@").matcher(template);
        Set<String> seen = new LinkedHashSet<>();
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            String name = m.group(1);
            if (!VALUES.containsKey(name)) {
                throw new IllegalStateException("Dayshift's detached-run script has a value @" + name + "@ the lab does not know");
            }
            regex.append(seen.add(name) ? "(?<" + name + ">" + VALUES.get(name) + ")" : "\\k<" + name + ">");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
