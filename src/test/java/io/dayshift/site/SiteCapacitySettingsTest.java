package io.dayshift.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code dayshift.sites.<site>.capacity}: N+1 unless a site says otherwise, as the operations guides assume. */
class SiteCapacitySettingsTest {

    private final ApplicationContextRunner context = SitesBinding.runner();

    @Test
    void aSiteKeepsOneHostFreeUnlessItSaysOtherwise() {
        context.withPropertyValues(
                        "dayshift.sites.silent.flavour=kolla",
                        "dayshift.sites.tight.flavour=charmed",
                        "dayshift.sites.tight.capacity.reserve-hosts=0",
                        "dayshift.sites.careful.flavour=kolla",
                        "dayshift.sites.careful.capacity.reserve-hosts=2")
                .run(ctx -> {
                    Map<String, Site> sites = ctx.getBean(SitesProperties.class).sites();
                    assertThat(sites.get("silent").capacity().reserveHosts()).isEqualTo(1);
                    assertThat(sites.get("tight").capacity().reserveHosts()).isZero();
                    assertThat(sites.get("careful").capacity().reserveHosts()).isEqualTo(2);
                });
    }
}
