package io.dayshift.runbook.await;

import java.util.Objects;

/**
 * What one look at an {@link Operation} found.
 *
 * @param progress  still running, ended well, or ended badly (or was lost)
 * @param detail    one line for people: the state as the tool reports it, and why it failed
 * @param evidence  the tail of the tool's output, redacted, for the run log and the operator (may be empty)
 * @param exitCode  the tool's exit code where it has one
 */
public record Look(Progress progress, String detail, String evidence, Integer exitCode) {

    public enum Progress { RUNNING, SUCCEEDED, FAILED }

    public Look {
        Objects.requireNonNull(progress, "progress");
        detail = detail == null ? "" : detail;
        evidence = evidence == null ? "" : evidence;
    }

    public static Look running(String detail) {
        return new Look(Progress.RUNNING, detail, "", null);
    }

    public static Look succeeded(String detail) {
        return new Look(Progress.SUCCEEDED, detail, "", null);
    }

    public static Look failed(String detail) {
        return new Look(Progress.FAILED, detail, "", null);
    }

    public Look withEvidence(String evidence, Integer exitCode) {
        return new Look(progress, detail, evidence, exitCode);
    }
}
