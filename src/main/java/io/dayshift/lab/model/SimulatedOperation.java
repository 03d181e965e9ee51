package io.dayshift.lab.model;

import java.time.Duration;
import java.time.Instant;

/**
 * One operation a lab site performed in simulated time, as {@link LabSite#operations()} records it: what a benchmark adds
 * up to show where the simulated time went.
 *
 * @param kind     what it was
 * @param target   what it acted on: the server's id, the {@code --limit} of a kolla-ansible run, the machine, the unit…
 * @param start    the simulated instant it began
 * @param duration how long it took (its timing at the site's pace and time factor)
 */
public record SimulatedOperation(LabOperation kind, String target, Instant start, Duration duration) {
}
