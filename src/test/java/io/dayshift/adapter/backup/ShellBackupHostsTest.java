package io.dayshift.adapter.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.shell.CommandResult;
import io.dayshift.shell.RemoteShell;
import io.dayshift.shell.ShellCommand;
import io.dayshift.site.Flavour;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.site.SshEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command lines the adapter sends (to a recording shell that answers as the tools do) and what it refuses before sending
 * any. That the lab answers them like the real tools is {@code BackupCommandsTest}; the whole runbook over SSH is
 * {@code BackupSiteProcessTest}.
 */
class ShellBackupHostsTest {

    private final List<String> sent = new ArrayList<>();
    private String answer = "";
    private final RemoteShell shell = new RemoteShell() {
        @Override
        public CommandResult run(SshEndpoint endpoint, ShellCommand command, Duration timeout) {
            sent.add(endpoint.host() + "$ " + command.render());
            return new CommandResult(command.render(), 0, answer, "", false, Duration.ZERO);
        }
    };
    private final ShellBackupHosts hosts = new ShellBackupHosts(shell, BackupProperties.defaults(), new Secrets(name -> null));
    private final Site site = new Site("east", Flavour.KOLLA, false, new Site.OpenStack("east", Path.of("/c")), null, null,
            new Site.Kolla("deployer", Path.of("/etc/kolla/multinode"), Path.of("/etc/kolla/globals.yml"), Path.of("/etc/kolla")),
            Map.of("deployer", new Site.HostGroup(List.of("10.0.0.11"), 22, "dayshift", Path.of("/k"), Path.of("/kh")),
                    "maas", new Site.HostGroup(List.of("10.0.0.2"), 22, "dayshift", Path.of("/k"), Path.of("/kh"))), null, null, null);

    @Test
    void aDumpIsWrittenAsTheSshUserIntoAPartFileCreatedMode600ThenRenamed() {
        hosts.dumpPostgres(site, "maas", "/var/backups/dayshift/east-1/maasdb.dump", "maasdb", "maas");

        assertThat(sent).containsExactly("10.0.0.2$ install -d -m 700 '/var/backups/dayshift/east-1'"
                + " && install -m 600 '/dev/null' '/var/backups/dayshift/east-1/maasdb.dump.part'"
                + " && pg_dump -w -h localhost -U 'maas' -d 'maasdb' -Fc -f '/var/backups/dayshift/east-1/maasdb.dump.part'"
                + " && mv '/var/backups/dayshift/east-1/maasdb.dump.part' '/var/backups/dayshift/east-1/maasdb.dump'");
    }

    @Test
    void factsAreReadOnTheHost() {
        answer = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  /b/f\n42 600\n";

        var facts = hosts.facts(site, "deployer", "/b/f").orElseThrow();

        assertThat(facts.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(facts.sizeBytes()).isEqualTo(42);
        assertThat(facts.mode()).isEqualTo("600");
        assertThat(sent).containsExactly("10.0.0.11$ sudo -n test -f '/b/f' && sudo -n sha256sum '/b/f' && sudo -n stat -c '%s %a' '/b/f'");
    }

    @Test
    void removalIsRefusedOutsideTheBackupDirectoryAndTheMariaDbVolume() {
        assertThatThrownBy(() -> hosts.remove(site, "deployer", "/etc/kolla/passwords.yml")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not under /var/backups/dayshift/");
        assertThatThrownBy(() -> hosts.remove(site, "deployer", "/var/backups/dayshift/../../etc/shadow"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sent).isEmpty();
    }

    @Test
    void eachKindIsCheckedByTheToolThatWouldRestoreIt() {
        assertThat(hosts.readable(site, "deployer", ArtefactKind.MARIADB_FULL, "/v/mysqlbackup-1.qp.xbc.xbs.gz").check()).isEqualTo(
                "sudo -n gzip -t '/v/mysqlbackup-1.qp.xbc.xbs.gz'");
        assertThat(hosts.readable(site, "deployer", ArtefactKind.KOLLA_CONFIG, "/b/k.tar.gz").check()).isEqualTo(
                "sudo -n tar -tzf '/b/k.tar.gz' 'etc/kolla/globals.yml'");
        assertThat(hosts.readable(site, "maas", ArtefactKind.MAAS_DATABASE, "/b/maasdb.dump").check()).isEqualTo(
                "sudo -n pg_restore --list '/b/maasdb.dump'");
        assertThat(hosts.readable(site, "deployer", ArtefactKind.MYSQL_DUMP, "/b/d.gz").check()).isEqualTo(
                "sudo -n zgrep -c -F -e '-- Dump completed' '/b/d.gz'");
    }

    @Test
    void aCopyGoesFromTheArtefactsHostToTheStoreWithScpAndPrunesOnlyUnderTheStorePath() {
        Site withStore = new Site("east", Flavour.KOLLA, false, site.openstack(), null, null, site.kolla(),
                Map.of("deployer", site.ssh().get("deployer"), "maas", site.ssh().get("maas"),
                        "store", new Site.HostGroup(List.of("store01.example.org"), 2222, "backup", Path.of("/k"), Path.of("/kh"))), null, null,
                Site.Backup.defaults().withOffHost(new Site.OffHost("store", Path.of("/srv/b"))));

        hosts.copyToStore(withStore, "maas", "/var/backups/dayshift/east-1/maasdb.dump", "/srv/b/east-1/maasdb.dump");
        hosts.keepCopy(withStore, "/srv/b/east-1/maasdb.dump");
        hosts.copyFromStore(withStore, "/srv/b/east-1/maasdb.dump", "maas", "/var/backups/dayshift/east-1/maasdb.dump");

        assertThat(sent).containsExactly(
                "store01.example.org$ install -d -m 700 '/srv/b/east-1' && install -m 600 '/dev/null' '/srv/b/east-1/maasdb.dump.part'",
                "10.0.0.2$ sudo -n scp -q -o BatchMode=yes -o StrictHostKeyChecking=yes -P '2222' '/var/backups/dayshift/east-1/maasdb.dump'"
                        + " 'backup@store01.example.org:/srv/b/east-1/maasdb.dump.part'",
                "store01.example.org$ mv '/srv/b/east-1/maasdb.dump.part' '/srv/b/east-1/maasdb.dump'",
                "10.0.0.2$ install -d -m 700 '/var/backups/dayshift/east-1' && install -m 600 '/dev/null' '/var/backups/dayshift/east-1/maasdb.dump.part'"
                        + " && sudo -n scp -q -o BatchMode=yes -o StrictHostKeyChecking=yes -P '2222' 'backup@store01.example.org:/srv/b/east-1/maasdb.dump'"
                        + " '/var/backups/dayshift/east-1/maasdb.dump.part' && mv '/var/backups/dayshift/east-1/maasdb.dump.part' '/var/backups/dayshift/east-1/maasdb.dump'");
        assertThatThrownBy(() -> hosts.remove(withStore, "store", "/var/backups/dayshift/east-1/maasdb.dump")).hasMessageContaining("not under /srv/b/");
        assertThatThrownBy(() -> hosts.copyToStore(withStore, "maas", "/var/backups/dayshift/x", "/etc/passwd")).hasMessageContaining("not under the off-host path");
        assertThatThrownBy(() -> hosts.copyToStore(site, "maas", "/var/backups/dayshift/x", "/srv/b/x")).hasMessageContaining("has no off-host backup target");
    }
}
