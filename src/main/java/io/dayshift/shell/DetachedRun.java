package io.dayshift.shell;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command started in the background on a remote host, so that it outlives the SSH call that started it, in a directory
 * of its own named by a run id the caller chooses: {@code <base>/<runId>/} holds {@code command} (the command line),
 * {@code log} (its standard output and error), {@code pid}, {@code started} and, once it has ended, {@code ended} and
 * {@code rc} (its exit status). This is how a step that takes hours is started by one job and looked at by later ones,
 * none of which holds its job longer than a few seconds.
 *
 * <p>Starting is safe to repeat: the run directory is created with a plain {@code mkdir}, which only one caller can win,
 * and only the winner launches the command. Every other start, concurrent or later, launches nothing and reports the
 * command line the existing run holds, so the caller can tell a retry from a clash.
 *
 * <p>The command lines built here are the only ones in Dayshift with redirection and {@code &}; they keep the guarantee of
 * {@link ShellCommand}: the shell syntax is constant text of this class, the directory is made only of values checked
 * against {@link Arg#PATH} and {@link Arg#RUN_ID}, and the command to run, itself built only from literals and quoted
 * arguments, is quoted again as one word for {@code sh -c}. The command runs in the directory the remote session starts
 * in (the login's home, like any other remote command), not in the run directory.
 */
public final class DetachedRun {

    /** How a run looks. */
    public enum State {
        /** Its process is alive and it has not written its exit status yet. */
        RUNNING,
        /** It has written its exit status. */
        FINISHED,
        /** It has no exit status and no process any more (killed, or the host restarted), or its directory is gone. */
        LOST
    }

    /**
     * What {@link #start} did.
     *
     * @param launched true when this call launched the command; false when the run existed already (nothing launched)
     * @param command  the command line the run holds ({@code ""} while a concurrent start has not written it yet)
     * @param started  when the run was launched (host clock), if recorded yet
     */
    public record Start(boolean launched, String command, Optional<Instant> started) {
    }

    /**
     * What {@link #inspect} found.
     *
     * @param state       running, finished or lost
     * @param lostBecause why the run is lost, in words for an operator; {@code ""} otherwise
     * @param exitCode    the command's exit status, when finished
     * @param pid         the process id recorded at launch, if any
     * @param started     when it was launched (host clock), if recorded
     * @param ended       when it ended (host clock), when finished
     * @param hostNow     the host's clock at inspection
     * @param logBytes    the size of the log
     * @param logTail     the end of the log (at most the bytes asked for), except while running: {@code ""}
     */
    public record Inspection(State state, String lostBecause, OptionalInt exitCode, OptionalLong pid, Optional<Instant> started,
                             Optional<Instant> ended, Instant hostNow, long logBytes, String logTail) {

        /** From launch to the end, or to now while running or lost; zero if the launch time is unknown. */
        public Duration elapsed() {
            return started.map(s -> Duration.between(s, ended.orElse(hostNow))).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
        }
    }

    /** The most of the log that {@link #inspect} reads back. */
    public static final int MAX_TAIL_BYTES = 16 * 1024 * 1024;

    private static final String BOOT_ID = "/proc/sys/kernel/random/boot_id";
    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z]+)@");
    private static final Pattern EPOCH = Pattern.compile("[0-9]{1,12}");

    /**
     * Creates the base (mode 700) and checks it is a real directory of the login user, then creates the run directory;
     * only the caller whose {@code mkdir} succeeds writes {@code command}, {@code started} and {@code boot} (the host's
     * boot id, to tell a restarted host) and launches the command with nohup, its pid into {@code pid}. Then prints
     * {@code launched} or {@code existing}, the start time and the command line the run holds.
     */
    private static final String START = String.join(" ",
            "(umask 077 && mkdir -p @BASE@) && [ -d @BASE@ ] && [ ! -L @BASE@ ] && [ -O @BASE@ ]",
            "|| { echo 'cannot keep runs in' @BASE@ '(not a directory of this user, or a symbolic link)' >&2; exit 3; };",
            "if (umask 077 && mkdir @DIR@ 2>/dev/null); then",
            "printf '%s\\n' @COMMAND@ > @DIR@/command.tmp && mv @DIR@/command.tmp @DIR@/command && date +%s > @DIR@/started",
            "&& { cat " + BOOT_ID + " > @DIR@/boot 2>/dev/null || :; }",
            "&& { nohup sh -c @INNER@ > @DIR@/log 2>&1 < /dev/null & echo $! > @DIR@/pid; } && echo launched;",
            "elif [ -d @DIR@ ]; then echo existing;",
            "else echo 'cannot create run directory' @DIR@ >&2; exit 3; fi",
            "&& { cat @DIR@/started 2>/dev/null || echo; } && { cat @DIR@/command 2>/dev/null || echo; }");

    /**
     * Follows the command, which runs in a subshell (so that nothing in it can skip this), inside {@code sh -c}: the end
     * time, then the exit status, written whole by a rename.
     */
    private static final String RECORD_EXIT = "; rc=$?; date +%s > @DIR@/ended; echo \"$rc\" > @DIR@/rc.tmp; mv @DIR@/rc.tmp @DIR@/rc";

    /** Separates the log's tail from the facts after it; only its last occurrence counts (a log may print anything). */
    private static final String MARKER = "==dayshift-detached-run==";

    /**
     * Prints (unless running) the log's tail, then a marker line, then the state (exit status written: finished; boot id
     * changed: restarted; no pid; pid alive and not a zombie: running; else gone, unless the exit status appeared
     * meanwhile), rc, pid, started, ended, the host's clock and the log size, one a line. The facts come last so that an
     * SSH output bound, which keeps the end, never cuts them.
     */
    private static final String INSPECT = String.join(" ",
            "if [ ! -d @DIR@ ]; then printf '\\n%s\\nmissing\\n' '" + MARKER + "'; exit 0; fi; cd @DIR@ || exit 3;",
            "p=$(cat pid 2>/dev/null);",
            "if [ -f rc ]; then s=finished;",
            "elif [ -s boot ] && [ \"$(cat boot)\" != \"$(cat " + BOOT_ID + " 2>/dev/null)\" ]; then s=restarted;",
            "elif [ -z \"$p\" ] || [ -n \"$(printf '%s' \"$p\" | tr -d 0-9)\" ]; then s=no-pid;",
            "elif kill -0 \"$p\" 2>/dev/null && ! grep -q '^[0-9]* (.*) Z ' \"/proc/$p/stat\" 2>/dev/null; then s=running;",
            "elif [ -f rc ]; then s=finished;",
            "else s=gone; fi;",
            "if [ \"$s\" != running ]; then tail -c @TAIL@ log 2>/dev/null; fi;",
            "printf '\\n%s\\n' '" + MARKER + "';",
            // one line per fact whatever the file holds: a run killed while writing leaves an empty file behind
            "printf '%s\\n' \"$s\" \"$(cat rc 2>/dev/null)\" \"$p\" \"$(cat started 2>/dev/null)\" \"$(cat ended 2>/dev/null)\";",
            "date +%s; { wc -c < log; } 2>/dev/null || echo 0; exit 0");

    /**
     * The text of the two scripts, as constants with placeholders: {@code @BASE@}, {@code @DIR@}, {@code @COMMAND@} and
     * {@code @INNER@} stand for one word quoted with {@link ShellQuoting#quote}, {@code @TAIL@} for a number; {@code @DIR@}
     * is the same directory wherever it appears, and {@code @INNER@} is the command in a subshell followed by
     * {@code recordExit}. Public so that a simulated host recognises exactly these scripts, and a change here is seen there.
     *
     * @param start      the start script ({@link #start})
     * @param recordExit what follows the command inside {@code sh -c}
     * @param inspect    the inspect script ({@link #inspect})
     * @param marker     the line between the log's tail and the facts in the inspect script's answer
     */
    public record Scripts(String start, String recordExit, String inspect, String marker) {
    }

    /** The scripts this class renders. */
    public static final Scripts SCRIPTS = new Scripts(START, RECORD_EXIT, INSPECT, MARKER);

    private final String runId;
    private final String directory;
    private final String base;

    private DetachedRun(String base, String runId) {
        this.base = base;
        this.runId = runId;
        this.directory = Arg.PATH.check(base + "/" + runId);
    }

    /**
     * The run {@code runId} under {@code baseDirectory} (an absolute path; trailing slashes are ignored).
     *
     * @throws IllegalArgumentException when either does not pass its {@link Arg} check
     */
    public static DetachedRun at(String baseDirectory, String runId) {
        String base = Arg.PATH.check(baseDirectory).replaceAll("/+$", "");
        if (base.isEmpty()) {
            throw new IllegalArgumentException("refused / as the base directory of runs: expected a directory of its own");
        }
        return new DetachedRun(base, Arg.RUN_ID.check(runId));
    }

    /** The run whose directory is {@code directory} ({@link #directory()} of an earlier instance). */
    public static DetachedRun ofDirectory(String directory) {
        String path = Arg.PATH.check(directory);
        int slash = path.lastIndexOf('/');
        return at(path.substring(0, slash), path.substring(slash + 1));
    }

    public String runId() {
        return runId;
    }

    /** Where the run keeps its files: {@code <base>/<runId>}. */
    public String directory() {
        return directory;
    }

    /** The command line that starts {@code command} in the background, unless this run exists already; read its output with {@link #started}. */
    public ShellCommand start(ShellCommand command) {
        String dir = ShellQuoting.quote(directory);
        String inner = "(" + command.render() + ")" + fill(RECORD_EXIT, Map.of("DIR", dir));
        return ShellCommand.script(fill(START, Map.of(
                "BASE", ShellQuoting.quote(base),
                "DIR", dir,
                "COMMAND", ShellQuoting.quote(command.render()),
                "INNER", ShellQuoting.quote(inner))));
    }

    /**
     * What the {@link #start} command answered.
     *
     * @throws IllegalStateException when it did not succeed or answered something else than {@link #start} prints
     */
    public Start started(CommandResult result) {
        requireSucceeded(result, "start");
        List<String> lines = lines(result.stdout(), 3);
        boolean launched = switch (lines.get(0)) {
            case "launched" -> true;
            case "existing" -> false;
            default -> throw unexpected("start", result);
        };
        return new Start(launched, lines.get(2), epoch(lines.get(1)));
    }

    /** The command line that looks at this run, reading back at most {@code tailBytes} of the log's end; read its output with {@link #inspection}. */
    public ShellCommand inspect(int tailBytes) {
        if (tailBytes < 1 || tailBytes > MAX_TAIL_BYTES) {
            throw new IllegalArgumentException("refused a log tail of " + tailBytes + " bytes: expected 1 to " + MAX_TAIL_BYTES);
        }
        return ShellCommand.script(fill(INSPECT, Map.of("DIR", ShellQuoting.quote(directory), "TAIL", Integer.toString(tailBytes))));
    }

    /**
     * What the {@link #inspect} command answered.
     *
     * @throws IllegalStateException when it did not succeed or answered something else than {@link #inspect} prints
     */
    public Inspection inspection(CommandResult result) {
        requireSucceeded(result, "inspect");
        String out = result.stdout();
        int marker = out.lastIndexOf("\n" + MARKER + "\n");
        if (marker < 0) {
            throw unexpected("inspect", result);
        }
        String tail = out.substring(0, marker);
        List<String> header = lines(out.substring(marker + MARKER.length() + 2), 7);
        if (header.get(0).equals("missing")) {
            return new Inspection(State.LOST, "its run directory " + directory + " does not exist (removed, or another host)", OptionalInt.empty(),
                    OptionalLong.empty(), Optional.empty(), Optional.empty(), Instant.EPOCH, 0, "");
        }
        OptionalLong pid = header.get(2).matches("[0-9]{1,10}") ? OptionalLong.of(Long.parseLong(header.get(2))) : OptionalLong.empty();
        Instant now = epoch(header.get(5)).orElseThrow(() -> unexpected("inspect", result));
        long logBytes;
        try {
            logBytes = Long.parseLong(header.get(6));
        } catch (NumberFormatException e) {
            throw unexpected("inspect", result);
        }
        State state;
        String lostBecause = "";
        OptionalInt exitCode = OptionalInt.empty();
        switch (header.get(0)) {
            case "running" -> state = State.RUNNING;
            case "finished" -> {
                state = State.FINISHED;
                if (!header.get(1).matches("[0-9]{1,3}")) {
                    throw unexpected("inspect", result);
                }
                exitCode = OptionalInt.of(Integer.parseInt(header.get(1)));
            }
            case "restarted" -> {
                state = State.LOST;
                lostBecause = "the host restarted while it ran (its boot id changed); it left no exit status";
            }
            case "no-pid" -> {
                state = State.LOST;
                lostBecause = "no process id was recorded: its start did not complete";
            }
            case "gone" -> {
                state = State.LOST;
                lostBecause = "its process " + header.get(2) + " is gone without leaving an exit status (killed, or the host restarted)";
            }
            default -> throw unexpected("inspect", result);
        }
        return new Inspection(state, lostBecause, exitCode, pid, epoch(header.get(3)), epoch(header.get(4)), now, logBytes,
                state == State.RUNNING ? "" : tail);
    }

    /** The size in UTF-8 bytes of {@code text}, to compare a kept tail with {@link Inspection#logBytes()}. */
    public static long utf8Bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void requireSucceeded(CommandResult result, String what) {
        if (!result.succeeded()) {
            throw new IllegalStateException("cannot " + what + " run " + runId + " in " + directory + " (exit " + result.exitStatus() + "): "
                    + result.evidenceTail(500).strip());
        }
    }

    private IllegalStateException unexpected(String what, CommandResult result) {
        return new IllegalStateException("unexpected answer to " + what + " of run " + runId + " in " + directory + ": "
                + ShellQuoting.printable(result.stdout()));
    }

    private static List<String> lines(String text, int count) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        while (lines.size() < count) {
            lines.add("");
        }
        return lines.stream().map(String::strip).toList();
    }

    private static Optional<Instant> epoch(String text) {
        String s = text.strip();
        return EPOCH.matcher(s).matches() ? Optional.of(Instant.ofEpochSecond(Long.parseLong(s))) : Optional.empty();
    }
}
