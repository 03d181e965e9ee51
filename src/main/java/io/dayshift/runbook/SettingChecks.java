package io.dayshift.runbook;

import java.time.Duration;

/**
 * The checks a runbook's settings pass at start-up: a bad value stops the service with a message that names the setting
 * and says what is expected. {@code new SettingChecks("dayshift.runbooks.drain-compute-node").positive("check-interval", d)}.
 */
public final class SettingChecks {

    private final String prefix;

    public SettingChecks(String prefix) {
        this.prefix = prefix;
    }

    /** A duration above zero. */
    public Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw refused(name, "must be a positive duration, not " + value);
        }
        return value;
    }

    /** A duration of at least {@code minimum} (the setting {@code than}), e.g. a deadline no shorter than the check interval. */
    public Duration atLeast(String name, Duration value, String than, Duration minimum) {
        if (value == null || value.compareTo(minimum) < 0) {
            throw refused(name, "must be at least the " + than + " (" + minimum + "), not " + value);
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}. */
    public int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw refused(name, "must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /** A text that is not blank, stripped. */
    public String text(String name, String value, String what) {
        if (value == null || value.isBlank()) {
            throw refused(name, "must name " + what);
        }
        return value.strip();
    }

    private IllegalArgumentException refused(String name, String expected) {
        return new IllegalArgumentException(prefix + "." + name + " " + expected);
    }
}
