package io.dayshift.kolla;

/** Where a background kolla-ansible run is; a gateway reads this. */
public enum KollaRunStatus {
    /** Still running: check again later. */
    RUNNING,
    /** Ended; its {@link KollaRun} says how (which may be a failure). */
    FINISHED,
    /**
     * Ended without an exit code (killed, or the deployer restarted), or its run directory is gone. Never to be read as
     * success: some hosts may be half-changed; an operator looks at the log before anything is run again.
     */
    LOST
}
