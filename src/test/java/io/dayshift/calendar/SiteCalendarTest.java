package io.dayshift.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.site.Site;
import io.dayshift.testing.MutableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a site is open: windows in the site's time zone, across midnight and daylight saving; a freeze wins over a window. */
class SiteCalendarTest {

    /** Tuesdays 22:00–02:00 in Madrid (UTC+1 in winter, UTC+2 in summer). */
    private static final Site.Window TUESDAY_NIGHTS = new Site.Window(List.of(DayOfWeek.TUESDAY), "22:00", "02:00", null, null);

    @Test
    void aWindowThatCrossesMidnightIsOpenUntilItsEndTheNextDayInItsZone() {
        // given Tuesday nights in Madrid; 2026-12-08 is a Tuesday, 22:00 in Madrid is 21:00 UTC
        MutableClock clock = MutableClock.at("2026-12-08T20:59:00Z");
        SiteCalendar calendar = calendar(clock, List.of(TUESDAY_NIGHTS), List.of());

        // then closed before it, opening at 21:00 UTC
        assertThat(calendar.now()).isEqualTo(new SiteCalendar.Status(false, null, Instant.parse("2026-12-08T21:00:00Z"), null));

        // when past midnight in Madrid: open until 02:00 Madrid
        clock.advance(Duration.ofMinutes(211));
        assertThat(calendar.now()).isEqualTo(new SiteCalendar.Status(true, Instant.parse("2026-12-09T01:00:00Z"), null, null));

        // when the window has closed: the next one is a week later
        clock.advance(Duration.ofMinutes(30));
        assertThat(calendar.now().open()).isFalse();
        assertThat(calendar.now().opensAt()).isEqualTo(Instant.parse("2026-12-15T21:00:00Z"));
        assertThat(calendar.nextWindow(clock.instant())).hasValue(
                new SiteCalendar.Span(Instant.parse("2026-12-15T21:00:00Z"), Instant.parse("2026-12-16T01:00:00Z")));
    }

    @Test
    void windowsKeepTheirWallClockTimesInSummerAndOnTheDaylightSavingDay() {
        // given Sundays 01:00–04:00 in Madrid; on 2027-03-28 the clocks go from 02:00 to 03:00
        Site.Window sundays = new Site.Window(List.of(DayOfWeek.SUNDAY), "01:00", "04:00", null, null);
        SiteCalendar calendar = calendar(MutableClock.at("2027-03-27T12:00:00Z"), List.of(sundays, TUESDAY_NIGHTS), List.of());

        // then on that day the window opens at 01:00 CET (00:00 UTC) and closes at 04:00 CEST (02:00 UTC): two hours
        assertThat(calendar.now().opensAt()).isEqualTo(Instant.parse("2027-03-28T00:00:00Z"));
        assertThat(calendar.at(Instant.parse("2027-03-28T01:59:00Z"))).isEqualTo(
                new SiteCalendar.Status(true, Instant.parse("2027-03-28T02:00:00Z"), null, null));
        assertThat(calendar.at(Instant.parse("2027-03-28T02:00:00Z")).open()).isFalse();
        // and in summer Tuesday 22:00 in Madrid is 20:00 UTC
        assertThat(calendar.at(Instant.parse("2027-06-01T19:59:00Z")).opensAt()).isEqualTo(Instant.parse("2027-06-01T20:00:00Z"));
    }

    @Test
    void aFreezeWinsOverAWindowAndCutsItShort() {
        // given Tuesday nights and a freeze from 22:00 UTC on the Tuesday to the Wednesday 00:30 UTC
        Site.Freeze release = new Site.Freeze("2026-12-08T22:00:00Z", "2026-12-09T00:30:00Z", "year-end release");
        SiteCalendar calendar = calendar(MutableClock.at("2026-12-08T21:30:00Z"), List.of(TUESDAY_NIGHTS), List.of(release));

        // then open until the freeze starts, closed by the freeze inside the window, open again when it ends
        assertThat(calendar.now()).isEqualTo(new SiteCalendar.Status(true, Instant.parse("2026-12-08T22:00:00Z"), null, null));
        assertThat(calendar.at(Instant.parse("2026-12-08T23:00:00Z"))).isEqualTo(
                new SiteCalendar.Status(false, null, Instant.parse("2026-12-09T00:30:00Z"), "year-end release"));
        assertThat(calendar.at(Instant.parse("2026-12-09T00:30:00Z")).open()).isTrue();
    }

    @Test
    void withoutWindowsASiteIsOpenOutsideItsFreezesAndAOneOffWindowOpensOnce() {
        Site.Freeze freeze = new Site.Freeze("2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "holidays");
        SiteCalendar freezesOnly = calendar(MutableClock.at("2026-12-19T12:00:00Z"), List.of(), List.of(freeze));
        assertThat(freezesOnly.now()).isEqualTo(new SiteCalendar.Status(true, Instant.parse("2026-12-20T00:00:00Z"), null, null));
        assertThat(freezesOnly.at(Instant.parse("2026-12-25T00:00:00Z"))).isEqualTo(
                new SiteCalendar.Status(false, null, Instant.parse("2027-01-04T00:00:00Z"), "holidays"));

        Site.Window once = new Site.Window(null, null, null, "2026-12-10T08:00:00Z", "2026-12-10T12:00:00Z");
        SiteCalendar oneOff = calendar(MutableClock.at("2026-12-10T09:00:00Z"), List.of(once), List.of());
        assertThat(oneOff.now()).isEqualTo(new SiteCalendar.Status(true, Instant.parse("2026-12-10T12:00:00Z"), null, null));
        assertThat(oneOff.at(Instant.parse("2026-12-10T12:00:00Z"))).isEqualTo(new SiteCalendar.Status(false, null, null, null));
    }

    @Test
    void settingsThatMakeNoSenseAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new Site.Calendar("Europe/Nowhere", null, null)).hasMessageContaining("calendar.zone")
                .hasMessageContaining("Europe/Nowhere");
        assertThatThrownBy(() -> new Site.Window(List.of(DayOfWeek.TUESDAY), "25:00", "02:00", null, null))
                .hasMessageContaining("calendar.windows: start must be a time HH:mm");
        assertThatThrownBy(() -> new Site.Window(List.of(DayOfWeek.TUESDAY), "22:00", "02:00", "2026-12-10T08:00:00Z", null))
                .hasMessageContaining("either recurring (days, start, end) or one-off (from, to)");
        assertThatThrownBy(() -> new Site.Freeze("2026-12-20T00:00:00Z", "2026-12-19T00:00:00Z", "x"))
                .hasMessageContaining("calendar.freezes: to (2026-12-19T00:00:00Z) must be after from");
        assertThatThrownBy(() -> new Site.Freeze("2026-12-20T00:00:00Z", "2026-12-21T00:00:00Z", " "))
                .hasMessageContaining("calendar.freezes: a freeze needs a reason");
    }

    private static SiteCalendar calendar(MutableClock clock, List<Site.Window> windows, List<Site.Freeze> freezes) {
        return SiteCalendar.of(new Site.Calendar("Europe/Madrid", windows, freezes), clock);
    }
}
