package io.dayshift.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code dayshift.sites.<site>.calendar}: bound from properties, refused with the setting named when it makes no sense. */
class SiteCalendarSettingsTest {

    private final ApplicationContextRunner context = SitesBinding.runner();

    @Test
    void aCalendarIsBoundWithItsZoneWindowsAndFreezesAndASiteWithoutOneHasNone() {
        context.withPropertyValues(
                        "dayshift.sites.plain.flavour=kolla",
                        "dayshift.sites.madrid.flavour=kolla",
                        "dayshift.sites.madrid.calendar.zone=Europe/Madrid",
                        "dayshift.sites.madrid.calendar.windows[0].days=tuesday,thursday",
                        "dayshift.sites.madrid.calendar.windows[0].start=22:00",
                        "dayshift.sites.madrid.calendar.windows[0].end=02:00",
                        "dayshift.sites.madrid.calendar.windows[1].from=2026-12-10T08:00:00Z",
                        "dayshift.sites.madrid.calendar.windows[1].to=2026-12-10T12:00:00Z",
                        "dayshift.sites.madrid.calendar.freezes[0].from=2026-12-20T00:00:00Z",
                        "dayshift.sites.madrid.calendar.freezes[0].to=2027-01-04T00:00:00Z",
                        "dayshift.sites.madrid.calendar.freezes[0].reason=year-end")
                .run(ctx -> {
                    Site madrid = ctx.getBean(SitesProperties.class).sites().get("madrid");
                    assertThat(madrid.calendar().zoneId()).isEqualTo(ZoneId.of("Europe/Madrid"));
                    assertThat(madrid.calendar().windows().get(0).days()).containsExactly(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY);
                    assertThat(madrid.calendar().windows().get(1).recurring()).isFalse();
                    assertThat(madrid.calendar().freezes()).containsExactly(new Site.Freeze("2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "year-end"));
                    assertThat(ctx.getBean(SitesProperties.class).sites().get("plain").calendar()).isNull();
                });
    }

    @Test
    void aWindowWithoutAnEndIsRefusedNamingTheSetting() {
        context.withPropertyValues(
                        "dayshift.sites.madrid.flavour=kolla",
                        "dayshift.sites.madrid.calendar.windows[0].days=tuesday",
                        "dayshift.sites.madrid.calendar.windows[0].start=22:00")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure()
                        .hasStackTraceContaining("dayshift.sites")
                        .hasStackTraceContaining("calendar.windows: end must be a time HH:mm, e.g. 22:00, got 'null'"));
        for (List<String> bad : List.of(
                List.of("dayshift.sites.madrid.calendar.zone=Madrid/Nowhere"),
                List.of("dayshift.sites.madrid.calendar.freezes[0].from=2026-12-20", "dayshift.sites.madrid.calendar.freezes[0].to=2026-12-21T00:00:00Z",
                        "dayshift.sites.madrid.calendar.freezes[0].reason=x"))) {
            context.withPropertyValues("dayshift.sites.madrid.flavour=kolla").withPropertyValues(bad.toArray(String[]::new))
                    .run(ctx -> assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("calendar."));
        }
    }
}
