package io.dayshift.backup;

/** How long an artefact is kept: databases change every minute and are kept shorter than configuration. */
public enum RetentionClass {
    /** Database dumps and backups (the seed keeps them 30 days). */
    DATABASE,
    /** Configuration, keys and controller state (the seed keeps them 90 days). */
    CONFIG
}
