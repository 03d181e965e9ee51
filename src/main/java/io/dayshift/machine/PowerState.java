package io.dayshift.machine;

import java.util.Locale;

/** A machine's power state as MAAS last saw it from the BMC: {@code on}, {@code off}, {@code unknown}, {@code error}. */
public enum PowerState {
    ON, OFF, UNKNOWN, ERROR;

    /** MAAS's text ({@code power_state}, or {@code state} of a power query); anything else is {@link #UNKNOWN}. */
    public static PowerState of(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "on" -> ON;
            case "off" -> OFF;
            case "error" -> ERROR;
            default -> UNKNOWN;
        };
    }
}
