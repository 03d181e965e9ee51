package io.dayshift.machine;

/** Which set of a machine's script results: its current commissioning run or its current testing run. */
public enum ScriptPhase {
    COMMISSIONING, TESTING
}
