package io.dayshift.calendar;

import io.dayshift.engine.ProcessVariable;
import java.time.Instant;

/**
 * The emergency override a run started with, outside its site's window or in a freeze: who granted it, why, when, and who
 * used it. Kept in the run's variable {@code calendarOverride}, which only the engine writes.
 */
public record CalendarOverride(String id, String site, String grantedBy, String reason, Instant grantedAt, Instant validUntil, String usedBy) {

    public static final ProcessVariable<CalendarOverride> VARIABLE = ProcessVariable.json("calendarOverride", CalendarOverride.class);
}
