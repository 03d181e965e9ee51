package io.dayshift.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * The longest time one adapter call can hold a job's thread, named by the settings that bound it.
 *
 * @param setting the setting (or settings, and how they add up) as an operator would write it:
 *                {@code dayshift.adapters.juju.action-timeout (+1m for the SSH call)}
 * @param longest the longest the call can take with the current settings
 */
public record BlockingTimeout(String setting, Duration longest) {

    public BlockingTimeout {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(longest, "longest");
    }
}
