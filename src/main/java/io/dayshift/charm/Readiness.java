package io.dayshift.charm;

/** Where a unit stands on its way to active/idle. */
public enum Readiness {
    /** The unit, its machine and all its subordinates are started and active/idle. */
    READY,
    /** Still on its way (allocating, installing, executing, waiting for a subordinate); check again later. */
    WAITING,
    /** It will not get there by itself: a unit in error or a machine that could not be provisioned. */
    FAILED
}
