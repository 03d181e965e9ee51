package io.dayshift.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code dayshift.sites.<site>.notify}: bound from configuration, checked at start-up. */
class SiteNotifySettingsTest {

    private final ApplicationContextRunner context = SitesBinding.runner();

    @Test
    void bindsTheNotifySection() {
        context.withPropertyValues(
                        "dayshift.sites.prod-east.flavour=kolla",
                        "dayshift.sites.prod-east.notify.chat-webhook=file:/etc/dayshift/chat-webhook",
                        "dayshift.sites.prod-east.notify.email-to[0]=oncall@ops.example.org",
                        "dayshift.sites.prod-east.notify.email-to[1]=lead@ops.example.org",
                        "dayshift.sites.quiet.flavour=kolla")
                .run(ctx -> {
                    Map<String, Site> sites = ctx.getBean(SitesProperties.class).sites();
                    assertThat(sites.get("prod-east").notifications()).isEqualTo(new Site.Notify(
                            new SecretRef(SecretRef.Source.FILE, "/etc/dayshift/chat-webhook"),
                            List.of("oncall@ops.example.org", "lead@ops.example.org")));
                    assertThat(sites.get("quiet").notifications()).isNull();
                });
    }

    @Test
    void theSiteKeepsItsNotifySectionWhenNamed() {
        Site.Notify notify = new Site.Notify(null, List.of("oncall@ops.example.org"));
        Sites sites = new Sites(Map.of("prod-east", site(notify)));

        assertThat(sites.require("prod-east").notifications()).isEqualTo(notify);
    }

    @Test
    void anEmptyOrMalformedNotifySectionStopsTheStart() {
        assertThatThrownBy(() -> new Sites(Map.of("prod-east", site(new Site.Notify(null, List.of())))))
                .hasMessageContaining("dayshift.sites.prod-east.notify: give chat-webhook");
        assertThatThrownBy(() -> new Sites(Map.of("prod-east", site(new Site.Notify(null, List.of("Ops <ops@example.org>"))))))
                .hasMessageContaining("dayshift.sites.prod-east.notify.email-to: 'Ops <ops@example.org>' is not a mail address");
    }

    private static Site site(Site.Notify notify) {
        return new Site(null, Flavour.KOLLA, false, new Site.OpenStack("prod-east", Path.of("clouds.yaml")), null, null,
                new Site.Kolla("deployer", Path.of("multinode"), Path.of("globals.yml"), null),
                Map.of("deployer", new Site.HostGroup(List.of("deploy01"), 22, "dayshift", Path.of("id"), Path.of("known_hosts"))), null, notify);
    }
}
