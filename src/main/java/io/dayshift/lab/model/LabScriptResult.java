package io.dayshift.lab.model;

import io.dayshift.machine.ScriptPhase;
import io.dayshift.machine.ScriptStatus;
import java.time.Instant;

/**
 * One commissioning or testing script of a machine's current run.
 *
 * @param exitStatus -1 while it has not exited
 * @param ended      {@code null} while it runs
 */
public record LabScriptResult(int id, ScriptPhase phase, String name, ScriptStatus status, int exitStatus, String output, Instant started,
                              Instant ended) {
}
