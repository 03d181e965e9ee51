package io.dayshift.machine;

import java.util.Objects;

/**
 * One script's result in a machine's current commissioning or testing run, for the operator.
 *
 * @param phase      commissioning or testing
 * @param name       the script name, e.g. {@code smartctl-validate}
 * @param status     the script's status
 * @param exitStatus the script's exit status, or -1 when it did not exit (pending, running, timed out, aborted)
 * @param outputTail the end of the script's combined output (secrets masked), empty when there was none
 */
public record ScriptResult(ScriptPhase phase, String name, ScriptStatus status, int exitStatus, String outputTail) {

    public ScriptResult {
        Objects.requireNonNull(phase, "phase");
        name = name == null ? "" : name;
        status = status == null ? ScriptStatus.UNKNOWN : status;
        outputTail = outputTail == null ? "" : outputTail;
    }

    public boolean failed() {
        return status.failed();
    }

    public boolean exited() {
        return exitStatus >= 0;
    }
}
