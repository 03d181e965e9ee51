package io.dayshift.runbook.healthcheck;

import java.util.Collection;

/** A site's health, as the daily check reports it. */
public enum Health {
    /** Nothing to do. */
    GREEN,
    /** Look at it today: capacity past a threshold, something disabled for maintenance, a unit not idle. */
    AMBER,
    /** Act now: a service down, an agent dead, an API unreachable, a unit in error. */
    RED;

    public static Health worst(Collection<Finding> findings) {
        return findings.stream().map(Finding::health).max(Enum::compareTo).orElse(GREEN);
    }
}
