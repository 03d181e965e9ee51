package io.dayshift.calendar;

import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A site's calendar as it stands: the configured one ({@code dayshift.sites.<site>.calendar}) with the changes
 * administrators made over REST applied in order. A site with neither has no calendar and is always open.
 */
@Component
public class SiteCalendars {

    private final Sites sites;
    private final CalendarStore store;

    SiteCalendars(Sites sites, CalendarStore store) {
        this.sites = sites;
        this.store = store;
    }

    /** Whether the site is configured. */
    public boolean knows(String siteName) {
        return sites.find(siteName).isPresent();
    }

    /** The site's calendar, empty when it has none (always open); an unknown site is an error. */
    public Optional<SiteCalendar> of(String siteName, Clock at) {
        Site site = sites.require(siteName);
        List<CalendarStore.Change> changes = store.changes(site.name());
        if (site.calendar() == null && changes.isEmpty()) {
            return Optional.empty();
        }
        Site.Calendar configured = site.calendar() == null ? new Site.Calendar(null, null, null) : site.calendar();
        SiteCalendar base = SiteCalendar.of(configured, at);
        List<SiteCalendar.Entry<Site.Window>> windows = new ArrayList<>(base.windows());
        List<SiteCalendar.Entry<Site.Freeze>> freezes = new ArrayList<>(base.freezes());
        Set<String> removed = new HashSet<>();
        for (CalendarStore.Change change : changes) {
            switch (change.kind()) {
                case ADD_WINDOW -> windows.add(new SiteCalendar.Entry<>(change.id(), store.window(change), "added by " + change.changedBy()));
                case ADD_FREEZE -> freezes.add(new SiteCalendar.Entry<>(change.id(), store.freeze(change), "added by " + change.changedBy()));
                case REMOVE -> removed.add(change.target());
                case REVOKE_OVERRIDE -> {
                    // an override, not the calendar
                }
            }
        }
        windows.removeIf(entry -> removed.contains(entry.id()));
        freezes.removeIf(entry -> removed.contains(entry.id()));
        return Optional.of(new SiteCalendar(configured.zoneId(), windows, freezes, at));
    }

    /** Why the site is closed for changes now, and when it opens again (null: not within the horizon). */
    public record Closure(String why, Instant opensAt) {
    }

    /** Why the site is closed for changes now, on the engine's clock; empty when it is open or has no calendar. */
    public Optional<Closure> closedNow(String siteName) {
        return of(siteName).flatMap(calendar -> {
            SiteCalendar.Status status = calendar.now();
            return status.open() ? Optional.empty() : Optional.of(new Closure("site " + siteName + " is closed for changes: "
                    + CalendarNotice.closedBecause(status) + CalendarNotice.opens(status, calendar.zone()), status.opensAt()));
        });
    }

    /** The site's calendar on the engine's clock, which tests can move. */
    public Optional<SiteCalendar> of(String siteName) {
        return of(siteName, Clock.fixed(RunLog.now(), ZoneOffset.UTC));
    }
}
