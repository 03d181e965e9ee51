package io.dayshift.shell;

import java.time.Duration;

/**
 * What a remote command left behind. Output beyond the shell's bound keeps its tail (the end of a
 * log is the evidence) and says it was cut.
 *
 * @param command   the command line as sent
 * @param exitStatus the remote exit status
 * @param stdout    standard output (its tail, if {@code truncated})
 * @param stderr    standard error (its tail, if {@code truncated})
 * @param truncated true when either stream was longer than the bound
 * @param took      wall time from sending the command to its exit
 */
public record CommandResult(String command, int exitStatus, String stdout, String stderr, boolean truncated, Duration took) {

    public boolean succeeded() {
        return exitStatus == 0;
    }

    /** The last {@code maxChars} characters of stderr then stdout, for the audit record. */
    public String evidenceTail(int maxChars) {
        String both = (stderr.isEmpty() ? "" : stderr + (stderr.endsWith("\n") ? "" : "\n")) + stdout;
        return both.length() <= maxChars ? both : "…" + both.substring(both.length() - maxChars);
    }
}
