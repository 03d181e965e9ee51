package io.dayshift.runbook.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which parts a site has, by flavour, scope and configured host groups. */
class BackupPlannerTest {

    private static final Site.HostGroup HOSTS = new Site.HostGroup(java.util.List.of("10.0.0.5"), 22, "dayshift", Path.of("/k"), Path.of("/kh"));

    @Test
    void aKollaSiteWithMaasAndCephButNoVault() {
        Site site = kolla(new Site.Backup(null, null, null, null, null, null, null, "maas", null, null, "mon", null, null, null));

        BackupPlanner.Plan full = BackupPlanner.plan(site, BackupScope.FULL, false);

        assertThat(full.parts()).containsExactly("MARIADB_FULL", "MAAS_DATABASE", "KOLLA_CONFIG", "CEPH_CONFIG");
        assertThat(full.notApplicable()).singleElement().asString()
                .isEqualTo("VAULT_SNAPSHOT: not configured for this site (dayshift.sites.east.backup.vault-host-group)");
        assertThat(BackupPlanner.plan(site, BackupScope.DATABASES, true).parts()).containsExactly("MARIADB_INCREMENTAL", "MAAS_DATABASE");
        assertThat(BackupPlanner.plan(site, BackupScope.CONFIG, true).parts()).containsExactly("KOLLA_CONFIG", "CEPH_CONFIG");
        assertThat(BackupPlanner.target(site, "east-20261102T013000Z", "maasdb.dump")).isEqualTo("/var/backups/dayshift/east-20261102T013000Z/maasdb.dump");
    }

    @Test
    void aCharmedSiteWithNothingButJuju() {
        Site site = new Site("west", Flavour.CHARMED, false, new Site.OpenStack("west", Path.of("/c")), null, new Site.Juju("jump", "openstack"),
                null, Map.of("jump", HOSTS), null, null);

        BackupPlanner.Plan full = BackupPlanner.plan(site, BackupScope.FULL, true);

        assertThat(full.parts()).containsExactly("MYSQL_DUMP", "JUJU_CONTROLLER");
        assertThat(full.notApplicable()).hasSize(3);
        assertThat(site.databaseHostGroup()).isEmpty();
    }

    @Test
    void scopesAreFullDatabasesOrConfig() {
        assertThat(BackupScope.parse(null)).contains(BackupScope.FULL);
        assertThat(BackupScope.parse(" Databases ")).contains(BackupScope.DATABASES);
        assertThat(BackupScope.parse("everything")).isEmpty();
    }

    private static Site kolla(Site.Backup backup) {
        return new Site("east", Flavour.KOLLA, false, new Site.OpenStack("east", Path.of("/c")), null, null,
                new Site.Kolla("deployer", Path.of("/etc/kolla/multinode"), Path.of("/etc/kolla/globals.yml"), Path.of("/etc/kolla")),
                Map.of("deployer", HOSTS, "maas", HOSTS, "mon", HOSTS), null, null, backup);
    }
}
