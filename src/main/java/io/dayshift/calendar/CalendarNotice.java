package io.dayshift.calendar;

import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether each site is open for changes now, in words: the text every start form of a runbook that changes a site shows
 * before it is submitted ({@link StartFormsShowTheCalendar}), and the wording of a refused start ({@link CalendarGate}).
 */
@Component
public class CalendarNotice {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z", Locale.ROOT);

    private final Sites sites;
    private final SiteCalendars calendars;

    CalendarNotice(Sites sites, SiteCalendars calendars) {
        this.sites = sites;
        this.calendars = calendars;
    }

    /** A Markdown list: one line per configured site, on the engine's clock. */
    public String text() {
        Instant now = RunLog.now();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder("**Open for changes?** As of ").append(when(now, ZoneOffset.UTC))
                .append(". This runbook starts only while its site is open, or with an approver's emergency override.\n");
        sites.all().stream().map(Site::name).sorted(Comparator.naturalOrder()).forEach(site ->
                text.append("\n- **").append(site).append("**: ").append(line(calendars.of(site, clock))));
        return text.toString();
    }

    private static String line(Optional<SiteCalendar> calendar) {
        if (calendar.isEmpty()) {
            return "always open: no calendar";
        }
        SiteCalendar.Status status = calendar.get().now();
        ZoneId zone = calendar.get().zone();
        if (status.open()) {
            return status.until() == null ? "open, with no window end or freeze ahead" : "open until " + when(status.until(), zone);
        }
        return "closed, " + closedBecause(status) + opens(status, zone);
    }

    /** Why a closed site is closed: its freeze and the freeze's reason, or being outside its windows. */
    static String closedBecause(SiteCalendar.Status status) {
        return status.freeze() != null ? "change freeze (" + status.freeze() + ")" : "outside its maintenance windows";
    }

    /** When a closed site opens, as a clause. */
    static String opens(SiteCalendar.Status status, ZoneId zone) {
        return status.opensAt() == null ? "; no window opens within " + SiteCalendar.HORIZON.toDays() + " days"
                : "; it opens " + when(status.opensAt(), zone) + " (" + status.opensAt() + ")";
    }

    /** An instant as people read it, in the calendar's zone. */
    static String when(Instant at, ZoneId zone) {
        return WHEN.format(ZonedDateTime.ofInstant(at, zone));
    }
}
