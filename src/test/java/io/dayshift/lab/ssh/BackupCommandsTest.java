package io.dayshift.lab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.LabTimings;
import io.dayshift.lab.topology.TopologyLoader;
import io.dayshift.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The backup tools of the lab answer like the real ones: output, messages, exit codes, and the faults that make them fail. */
class BackupCommandsTest {

    private final LabShell shell = LabShell.standard();
    private final TopologyLoader loader = new TopologyLoader();
    private final MutableClock clock = MutableClock.at("2026-11-02T01:30:00Z");
    private final LabSite kolla = loader.load("lab", loader.readResource("lab/small-kolla.yaml"), clock,
            LabTimings.instant());
    private final LabSite charmed = loader.load("lab-charmed", loader.readResource("lab/small-charmed.yaml"),
            MutableClock.at("2026-11-02T01:30:00Z"), LabTimings.instant());

    private ShellResult run(LabSite site, String line) {
        return shell.execute(new Session(site, site == kolla ? "cc01" : "", () -> "", d -> { }), line);
    }

    @Test
    void aDumpWrittenThroughAPartFileIsWholeWithItsModeChecksumAndSize() {
        ShellResult dump = run(kolla, "install -d -m 700 '/b/s1' && install -m 600 '/dev/null' '/b/s1/maasdb.dump.part'"
                + " && pg_dump -w -h localhost -U 'maas' -d 'maasdb' -Fc -f '/b/s1/maasdb.dump.part' && mv '/b/s1/maasdb.dump.part' '/b/s1/maasdb.dump'");

        assertThat(dump.exit()).as(dump.stderr()).isZero();
        ShellResult facts = run(kolla, "sudo -n sha256sum '/b/s1/maasdb.dump' && sudo -n stat -c '%s %a' '/b/s1/maasdb.dump'");
        assertThat(facts.stdout()).matches("[0-9a-f]{64}  /b/s1/maasdb\\.dump\n52428800 600\n");
        assertThat(run(kolla, "pg_restore --list '/b/s1/maasdb.dump'").stdout()).contains("dbname: maasdb").contains("TABLE public maasserver_node");
        assertThat(run(kolla, "test -f '/b/s1/maasdb.dump.part'").exit()).isEqualTo(1);
    }

    @Test
    void aFailingToolWritesNothingAndSaysWhyAsTheRealOneDoes() {
        kolla.injectFault(LabFault.of(FaultType.BACKUP_FAILS, "pg_dump"));

        ShellResult dump = run(kolla, "pg_dump -w -h localhost -U 'maas' -d 'maasdb' -Fc -f '/b/x.dump'");

        assertThat(dump.exit()).isEqualTo(1);
        assertThat(dump.stderr()).contains("password authentication failed for user \"maas\"");
        assertThat(kolla.kolla().file("/b/x.dump")).isEmpty();
        assertThat(run(kolla, "sha256sum '/b/x.dump'").stderr()).isEqualTo("sha256sum: /b/x.dump: No such file or directory\n");
    }

    @Test
    void aCorruptedArtefactReadsBackWithAnotherChecksumAndUnreadable() {
        run(kolla, "tar -czf '/b/kolla-config.tar.gz' '/etc/kolla'");
        String before = run(kolla, "sha256sum '/b/kolla-config.tar.gz'").stdout();
        assertThat(run(kolla, "tar -tzf '/b/kolla-config.tar.gz' 'etc/kolla/globals.yml'").stdout()).isEqualTo("etc/kolla/globals.yml\n");

        kolla.injectFault(LabFault.of(FaultType.BACKUP_CORRUPT, "kolla-config.tar.gz"));

        assertThat(run(kolla, "sha256sum '/b/kolla-config.tar.gz'").stdout()).isNotEqualTo(before);
        ShellResult list = run(kolla, "tar -tzf '/b/kolla-config.tar.gz' 'etc/kolla/globals.yml'");
        assertThat(list.exit()).isEqualTo(2);
        assertThat(list.stderr()).contains("invalid compressed data--crc error");
        assertThat(run(kolla, "gzip -t '/b/kolla-config.tar.gz'").stderr()).contains("crc error");
    }

    @Test
    void cephExportsItsMinimalConfigAndKeysIntoFilesNotOntoTheTerminal() {
        ShellResult export = run(kolla, "sudo -n ceph config generate-minimal-conf -o '/b/ceph.conf' && sudo -n ceph auth export -o '/b/ceph.keyring'");

        assertThat(export.exit()).isZero();
        assertThat(export.stdout()).isEmpty();
        assertThat(kolla.kolla().file("/b/ceph.conf").orElseThrow().content()).contains("fsid = ").contains("mon_host = ");
        assertThat(kolla.kolla().file("/b/ceph.keyring").orElseThrow().content()).contains("[client.admin]");
        assertThat(run(kolla, "ceph -s").stdout()).contains("cluster:");
    }

    @Test
    void vaultSavesASnapshotWhereItIsDeployedOnly() {
        ShellResult saved = run(charmed, "vault operator raft snapshot save -address 'https://127.0.0.1:8200' '/b/vault.snap'");

        assertThat(saved.exit()).as(saved.stderr()).isZero();
        assertThat(run(charmed, "tar -tzf '/b/vault.snap' 'meta.json'").exit()).isZero();
        assertThat(run(kolla, "vault operator raft snapshot save '/b/vault.snap'").exit()).isEqualTo(127);
        charmed.injectFault(LabFault.of(FaultType.BACKUP_FAILS, "vault"));
        assertThat(run(charmed, "vault operator raft snapshot save -address 'https://127.0.0.1:8200' '/b/v2.snap'").stderr())
                .contains("Code: 403").contains("permission denied");
    }

    @Test
    void mysqlCountsTheKeyTablesAndLsListsNewestFirst() {
        ShellResult rows = run(kolla, "mysql --batch --skip-column-names -e 'SELECT '\\''nova.instances'\\'', COUNT(*) FROM nova.instances WHERE deleted = 0'");
        assertThat(rows.stdout()).isEqualTo("nova.instances\t" + kolla.nova().instances().size() + "\n");

        kolla.backup().writeBackupFile("tar", "/v/a-old", io.dayshift.lab.model.LabFile.text("a"), "");
        clock.advance(java.time.Duration.ofMinutes(1));
        kolla.backup().writeBackupFile("tar", "/v/b-new", io.dayshift.lab.model.LabFile.text("b"), "");
        assertThat(run(kolla, "ls -1t '/v'").stdout()).isEqualTo("b-new\na-old\n");
        assertThat(run(kolla, "ls -1t '/nowhere'").exit()).isEqualTo(2);
    }

    @Test
    void jujuCopiesAFileOffAUnitsMachine() {
        charmed.kolla().writeFile("/var/backups/mysql/d.gz", "dump\n-- Dump completed on 2026-11-02\n");

        ShellResult copy = run(charmed, "juju scp -m 'openstack' 'mysql-innodb-cluster/0:/var/backups/mysql/d.gz' '/b/mysqldump.gz'");

        assertThat(copy.exit()).as(copy.stderr()).isZero();
        assertThat(run(charmed, "zgrep -c -F -e '-- Dump completed' '/b/mysqldump.gz'").stdout()).isEqualTo("1\n");
        assertThat(run(charmed, "juju scp -m 'openstack' 'nova-compute/99:/x' '/b/y'").stderr()).contains("unit \"nova-compute/99\" not found");
    }

    @Test
    void scpCopiesToAnotherHostRefusingWhatTheRealOneRefuses() {
        LabHosts hosts = new LabHosts();
        LabShell withStore = LabShell.standard(hosts);
        LabSite store = new LabSite("store", io.dayshift.site.Flavour.KOLLA, clock, LabTimings.instant());
        hosts.register("127.0.0.1", 2201, "dayshift", store);
        kolla.backup().archive("/b/s1/kolla-config.tar.gz", java.util.List.of("/etc/kolla"));
        Session onCc01 = new Session(kolla, "cc01", () -> "", d -> { });
        String scp = "sudo -n scp -q -o BatchMode=yes -o StrictHostKeyChecking=yes -P '2201' '/b/s1/kolla-config.tar.gz' ";

        // a directory that is not there on the store, an unknown port, another user: refused, nothing written
        ShellResult noDir = withStore.execute(onCc01, scp + "'dayshift@127.0.0.1:/srv/s1/kolla-config.tar.gz.part'");
        assertThat(noDir.exit()).isEqualTo(1);
        assertThat(noDir.stderr()).contains("scp: dest open \"/srv/s1/kolla-config.tar.gz.part\": No such file or directory");
        assertThat(withStore.execute(onCc01, scp.replace("2201", "2202") + "'dayshift@127.0.0.1:/srv/x'").stderr())
                .contains("port 2202: Connection refused");
        assertThat(withStore.execute(onCc01, scp + "'root@127.0.0.1:/srv/x'").stderr()).contains("root@127.0.0.1: Permission denied (publickey).");
        assertThat(store.kolla().files("/")).isEmpty();

        // into a directory that is there: the same bytes, and an archive that unpacks as the original would
        store.kolla().makeDirectory("/srv/s1");
        ShellResult copy = withStore.execute(onCc01, scp + "'dayshift@127.0.0.1:/srv/s1/kolla-config.tar.gz'");
        assertThat(copy.exit()).as(copy.stderr()).isZero();
        assertThat(store.backup().fileChecksum("/srv/s1/kolla-config.tar.gz")).isEqualTo(kolla.backup().fileChecksum("/b/s1/kolla-config.tar.gz"));
        assertThat(store.backup().archiveMembers("/srv/s1/kolla-config.tar.gz")).isEqualTo(kolla.backup().archiveMembers("/b/s1/kolla-config.tar.gz")).isNotEmpty();

        // a transfer fault: the copy arrives with another checksum
        kolla.injectFault(LabFault.of(FaultType.TRANSFER_CORRUPT, "kolla-config.tar.gz"));
        withStore.execute(onCc01, scp + "'dayshift@127.0.0.1:/srv/s1/again.tar.gz'");
        assertThat(store.backup().fileChecksum("/srv/s1/again.tar.gz")).isPresent().isNotEqualTo(kolla.backup().fileChecksum("/b/s1/kolla-config.tar.gz"));

        // and back from the store onto the host
        ShellResult back = withStore.execute(onCc01, "sudo -n scp -q -P '2201' 'dayshift@127.0.0.1:/srv/s1/kolla-config.tar.gz' '/b/s1/back.tar.gz'");
        assertThat(back.exit()).as(back.stderr()).isZero();
        assertThat(kolla.backup().fileChecksum("/b/s1/back.tar.gz")).isEqualTo(kolla.backup().fileChecksum("/b/s1/kolla-config.tar.gz"));
        assertThat(withStore.execute(onCc01, "scp -P '2201' 'dayshift@127.0.0.1:/srv/s1/none' '/b/s1/none'").stderr())
                .contains("scp: /srv/s1/none: No such file or directory");
    }
}
