package io.dayshift.calendar;

import io.dayshift.site.Site;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When a site is open for changes: inside a maintenance window and not in a change freeze (a freeze wins). No windows: open
 * at any time outside the freezes. Recurring windows are read in the calendar's time zone, so a window keeps its wall-clock
 * times across daylight-saving changes; an end at or before the start ends the next day (Tuesdays 22:00–02:00).
 * Pure: the time comes from the clock given.
 */
public final class SiteCalendar {

    /** How far ahead a next window is looked for. */
    static final Duration HORIZON = Duration.ofDays(400);

    private final ZoneId zone;
    private final List<Entry<Site.Window>> windows;
    private final List<Entry<Site.Freeze>> freezes;
    private final Clock clock;

    /** A window or freeze with its id: {@code configured-…} for those of the settings, the change's id for those added over REST. */
    public record Entry<T>(String id, T item, String source) {
    }

    /** A stretch of time, start included, end excluded. */
    public record Span(Instant from, Instant to) {

        boolean contains(Instant at) {
            return !at.isBefore(from) && at.isBefore(to);
        }
    }

    /**
     * Whether the site is open at an instant.
     *
     * @param open    open for changes
     * @param until   open: when it closes (null: not within the horizon)
     * @param opensAt closed: when it opens next (null: not within the horizon)
     * @param freeze  closed by a freeze: its reason; null otherwise
     */
    public record Status(boolean open, Instant until, Instant opensAt, String freeze) {
    }

    public SiteCalendar(ZoneId zone, List<Entry<Site.Window>> windows, List<Entry<Site.Freeze>> freezes, Clock clock) {
        this.zone = zone;
        this.windows = List.copyOf(windows);
        this.freezes = List.copyOf(freezes);
        this.clock = clock;
    }

    /** The configured calendar alone. */
    public static SiteCalendar of(Site.Calendar calendar, Clock clock) {
        List<Entry<Site.Window>> windows = new ArrayList<>();
        for (int i = 0; i < calendar.windows().size(); i++) {
            windows.add(new Entry<>("configured-window-" + (i + 1), calendar.windows().get(i), "settings"));
        }
        List<Entry<Site.Freeze>> freezes = new ArrayList<>();
        for (int i = 0; i < calendar.freezes().size(); i++) {
            freezes.add(new Entry<>("configured-freeze-" + (i + 1), calendar.freezes().get(i), "settings"));
        }
        return new SiteCalendar(calendar.zoneId(), windows, freezes, clock);
    }

    public ZoneId zone() {
        return zone;
    }

    public List<Entry<Site.Window>> windows() {
        return windows;
    }

    public List<Entry<Site.Freeze>> freezes() {
        return freezes;
    }

    public Status now() {
        return at(clock.instant());
    }

    public Status at(Instant at) {
        Optional<Entry<Site.Freeze>> frozen = freezeAt(at);
        if (frozen.isEmpty() && inWindow(at)) {
            return new Status(true, closesAfter(at), null, null);
        }
        return new Status(false, null, opensAfter(at).orElse(null), frozen.map(f -> f.item().reason()).orElse(null));
    }

    /** The next window that starts after the instant (or the one it is in), as a span. */
    public Optional<Span> nextWindow(Instant after) {
        return windowSpans(after).stream().filter(s -> s.to().isAfter(after)).min(Comparator.comparing(Span::from));
    }

    private Optional<Entry<Site.Freeze>> freezeAt(Instant at) {
        return freezes.stream().filter(f -> span(f.item()).contains(at)).findFirst();
    }

    private boolean inWindow(Instant at) {
        return windows.isEmpty() || windowSpans(at).stream().anyMatch(s -> s.contains(at));
    }

    private Instant closesAfter(Instant at) {
        Instant end = windows.isEmpty() ? null : windowEnd(at);
        for (Entry<Site.Freeze> freeze : freezes) {
            Instant from = freeze.item().fromInstant();
            if (from.isAfter(at) && (end == null || from.isBefore(end))) {
                end = from;
            }
        }
        return end;
    }

    /** The end of the run of overlapping windows the instant is in. */
    private Instant windowEnd(Instant at) {
        List<Span> spans = windowSpans(at);
        Instant end = at;
        boolean extended = true;
        while (extended) {
            extended = false;
            for (Span span : spans) {
                if (!span.from().isAfter(end) && span.to().isAfter(end)) {
                    end = span.to();
                    extended = true;
                }
            }
        }
        return end;
    }

    private Optional<Instant> opensAfter(Instant at) {
        TreeSet<Instant> candidates = new TreeSet<>();
        windowSpans(at).stream().map(Span::from).filter(from -> from.isAfter(at)).forEach(candidates::add);
        freezes.stream().map(f -> f.item().toInstant()).filter(to -> to.isAfter(at)).forEach(candidates::add);
        return candidates.stream().filter(candidate -> freezeAt(candidate).isEmpty() && inWindow(candidate)).findFirst();
    }

    /** Every window's spans from a day before the instant to the horizon. */
    private List<Span> windowSpans(Instant at) {
        List<Span> spans = new ArrayList<>();
        LocalDate first = at.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = at.plus(HORIZON).atZone(zone).toLocalDate();
        for (Entry<Site.Window> entry : windows) {
            Site.Window window = entry.item();
            if (!window.recurring()) {
                spans.add(new Span(window.fromInstant(), window.toInstant()));
                continue;
            }
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                if (window.days().contains(day.getDayOfWeek())) {
                    ZonedDateTime start = ZonedDateTime.of(day, window.startTime(), zone);
                    LocalDate endDay = window.endTime().isAfter(window.startTime()) ? day : day.plusDays(1);
                    spans.add(new Span(start.toInstant(), ZonedDateTime.of(endDay, window.endTime(), zone).toInstant()));
                }
            }
        }
        return spans;
    }

    private static Span span(Site.Freeze freeze) {
        return new Span(freeze.fromInstant(), freeze.toInstant());
    }
}
