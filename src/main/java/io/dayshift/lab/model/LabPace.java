package io.dayshift.lab.model;

import java.util.Locale;

/** Which set of {@link LabOperation} durations a lab uses ({@code dayshift.lab.pace}). */
public enum LabPace {
    /** A few seconds per operation, so that a person can watch a runbook to its end (the default). */
    DEMO,
    /** The proportions of a real site: a live migration 1 min, a kolla-ansible upgrade of a batch 15 min… */
    REALISTIC;

    /** The pace named by the setting {@code dayshift.lab.pace} ({@code demo} or {@code realistic}, any case; blank: demo). */
    public static LabPace ofSetting(String value) {
        if (value == null || value.isBlank()) {
            return DEMO;
        }
        for (LabPace pace : values()) {
            if (pace.key().equalsIgnoreCase(value.strip())) {
                return pace;
            }
        }
        throw new IllegalArgumentException("dayshift.lab.pace must be 'demo' (a few seconds per operation, to watch a runbook) or 'realistic' "
                + "(the durations of a real site), not '" + value + "'");
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
