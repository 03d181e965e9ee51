package io.dayshift.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sites contributed by a {@link SiteSource} join the configured ones, checked the same way; a name given twice stops the start. */
class SiteSourceTest {

    private static Site charmed(String name) {
        return new Site(name, Flavour.CHARMED, true, new Site.OpenStack(name, Path.of("/tmp/clouds.yaml")), null, new Site.Juju("jump", "openstack"),
                null, Map.of("jump", new Site.HostGroup(List.of("127.0.0.1"), 2222, "dayshift", Path.of("/k"), Path.of("/kh"))), null, null);
    }

    @Test
    void contributedSitesAreMergedWithConfiguredOnes() {
        Sites sites = Sites.of(new SitesProperties(Map.of("prod", charmed("prod"))), List.of(charmed("lab-charmed")));

        assertThat(sites.all()).extracting(Site::name).containsExactly("lab-charmed", "prod");
        assertThat(sites.require("lab-charmed").simulated()).isTrue();
    }

    @Test
    void aNameGivenTwiceIsRefused() {
        assertThatThrownBy(() -> Sites.of(new SitesProperties(Map.of("lab", charmed("lab"))), List.of(charmed("lab"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[lab]").hasMessageContaining("given twice");
    }

    @Test
    void aContributedSiteTakesItsCalendarFromTheSettingsWhenTheyGiveNothingElse() {
        Site.Calendar calendar = new Site.Calendar("Europe/Madrid", List.of(), List.of(new Site.Freeze("2026-12-22T00:00:00Z", "2026-12-23T00:00:00Z", "year end")));
        Site onlyCalendar = new Site(null, null, false, null, null, null, null, null, null, null, null, null, calendar);

        Sites sites = Sites.of(new SitesProperties(Map.of("lab-charmed", onlyCalendar)), List.of(charmed("lab-charmed")));

        assertThat(sites.require("lab-charmed").calendar()).isEqualTo(calendar);
        assertThat(sites.require("lab-charmed").simulated()).isTrue();
        assertThat(sites.require("lab-charmed").juju()).isNotNull();
        // anything else given for a contributed site is still a name given twice
        Site more = new Site(null, null, false, null, null, null, null, null, new Site.Capacity(2), null, null, null, calendar);
        assertThatThrownBy(() -> Sites.of(new SitesProperties(Map.of("lab-charmed", more)), List.of(charmed("lab-charmed"))))
                .hasMessageContaining("given twice");
    }

    @Test
    void contributedSitesAreCheckedLikeConfiguredOnes() {
        Site broken = new Site("lab", Flavour.KOLLA, true, new Site.OpenStack("lab", Path.of("/c")), null, null, null, Map.of(), null, null);

        assertThatThrownBy(() -> Sites.of(new SitesProperties(Map.of()), List.of(broken))).hasMessageContaining("dayshift.sites.lab.kolla");
    }
}
