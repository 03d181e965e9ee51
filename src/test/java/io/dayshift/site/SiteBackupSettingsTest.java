package io.dayshift.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code dayshift.sites.<site>.backup}: bound from configuration with the seed's defaults, checked at start-up. */
class SiteBackupSettingsTest {

    private final ApplicationContextRunner context = SitesBinding.runner();

    @Test
    void bindsTheBackupSectionAndDefaultsWhatIsNotGiven() {
        context.withPropertyValues(
                        "dayshift.sites.prod-east.flavour=kolla",
                        "dayshift.sites.prod-east.backup.directory=/srv/backups",
                        "dayshift.sites.prod-east.backup.database-retention=14d",
                        "dayshift.sites.prod-east.backup.maas-region-host-group=maas",
                        "dayshift.sites.prod-east.backup.vault-address=https://vault.example.org:8200",
                        "dayshift.sites.quiet.flavour=charmed")
                .run(ctx -> {
                    Map<String, Site> sites = ctx.getBean(SitesProperties.class).sites();
                    Site.Backup east = sites.get("prod-east").backup();
                    assertThat(east.directory()).isEqualTo(Path.of("/srv/backups"));
                    assertThat(east.databaseRetention()).isEqualTo(Duration.ofDays(14));
                    assertThat(east.configRetention()).isEqualTo(Duration.ofDays(90));
                    assertThat(east.maasRegionHostGroup()).isEqualTo("maas");
                    assertThat(east.vaultAddress()).isEqualTo(URI.create("https://vault.example.org:8200"));
                    assertThat(sites.get("quiet").backup()).isEqualTo(Site.Backup.defaults());
                });
    }

    @Test
    void aMissingHostGroupOrABadDirectoryStopsTheStart() {
        Site.Backup backup = new Site.Backup(Path.of("relative/dir"), Duration.ZERO, null, null, null, null, null, "maas", null, null, null,
                null, null, null);

        assertThatThrownBy(() -> new Sites(Map.of("prod-east", site(backup))))
                .hasMessageContaining("dayshift.sites.prod-east.backup.directory: an absolute path")
                .hasMessageContaining("retentions, incremental-within and part-deadline must be positive")
                .hasMessageContaining("dayshift.sites.prod-east.backup.maas-region-host-group: names SSH host group 'maas'");
    }

    @Test
    void bindsAnOffHostTargetAndRefusesOneThatNamesNoHostGroupOrABadPath() {
        context.withPropertyValues(
                        "dayshift.sites.prod-east.flavour=kolla",
                        "dayshift.sites.prod-east.backup.off-host.host-group=backup-store",
                        "dayshift.sites.prod-east.backup.off-host.path=/srv/dayshift-backups")
                .run(ctx -> assertThat(ctx.getBean(SitesProperties.class).sites().get("prod-east").backup().offHost())
                        .isEqualTo(new Site.OffHost("backup-store", Path.of("/srv/dayshift-backups"))));

        Site.Backup backup = Site.Backup.defaults().withOffHost(new Site.OffHost("backup-store", Path.of("/srv/my backups")));
        assertThatThrownBy(() -> new Sites(Map.of("prod-east", site(backup))))
                .hasMessageContaining("dayshift.sites.prod-east.backup.off-host.host-group: names SSH host group 'backup-store', which is not under")
                .hasMessageContaining("dayshift.sites.prod-east.backup.off-host.path: an absolute path");
    }

    private static Site site(Site.Backup backup) {
        return new Site(null, Flavour.KOLLA, false, new Site.OpenStack("prod-east", Path.of("/etc/dayshift/clouds.yaml")), null, null,
                new Site.Kolla("deployer", Path.of("/etc/kolla/multinode"), Path.of("/etc/kolla/globals.yml"), Path.of("/etc/kolla")),
                Map.of("deployer", new Site.HostGroup(List.of("10.0.0.5"), 22, "dayshift", Path.of("/k"), Path.of("/kh"))), null, null, backup);
    }
}
