package io.dayshift.lab.model;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long each {@link LabOperation} takes in simulated time: its duration at the {@link LabPace pace} (or overridden)
 * times the time factor ({@code 1.0}: as configured; {@code 0}: every operation is instant; {@code 0.01}: a hundred
 * times faster).
 */
public record LabTimings(double timeFactor, LabPace pace, Map<LabOperation, Duration> durations) {

    public LabTimings {
        if (!(timeFactor >= 0) || Double.isInfinite(timeFactor)) {
            throw new IllegalArgumentException("dayshift.lab.time-factor must be 0 or more, not " + timeFactor);
        }
        pace = pace == null ? LabPace.DEMO : pace;
        EnumMap<LabOperation, Duration> all = new EnumMap<>(LabOperation.class);
        for (LabOperation op : LabOperation.values()) {
            all.put(op, op.duration(pace));
        }
        if (durations != null) {
            durations.forEach((op, d) -> {
                if (d == null || d.isNegative()) {
                    throw new IllegalArgumentException("dayshift.lab.durations." + op.key() + " must not be negative");
                }
                all.put(op, d);
            });
        }
        durations = Map.copyOf(all);
    }

    /** At the demo pace. */
    public LabTimings(double timeFactor, Map<LabOperation, Duration> durations) {
        this(timeFactor, LabPace.DEMO, durations);
    }

    /** The defaults at the given factor. */
    public static LabTimings scaled(double timeFactor) {
        return new LabTimings(timeFactor, Map.of());
    }

    /** Every operation instant. */
    public static LabTimings instant() {
        return scaled(0);
    }

    /** The simulated duration of {@code op}: its duration times the factor. */
    public Duration of(LabOperation op) {
        if (timeFactor == 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (durations.get(op).toNanos() * timeFactor));
    }
}
