package io.dayshift.adapter.kolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.adapter.ssh.SshTestSupport;
import io.dayshift.kolla.FileChange;
import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaException;
import io.dayshift.kolla.KollaOutcome;
import io.dayshift.kolla.KollaRun;
import io.dayshift.site.Flavour;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.site.SshEndpoint;
import io.dayshift.testing.TestSshServer;
import io.dayshift.testing.TestSshServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Kolla adapter over real SSH: kolla-ansible answered like both CLIs, and file edits done by a real
 * {@code /bin/sh} on real files behind the server.
 */
class KollaAnsibleDeployerContractTest {

    private static final String NEW = "kolla-ansible 20.1.0";
    private static final String OLD = "kolla-ansible 18.4.0";

    private TestSshServer server;
    private final Map<String, Reply> kolla = new HashMap<>();
    private String version = NEW;
    private KollaAnsibleDeployer deployer;
    private Site site;
    private Path inventory;
    private Path globals;
    private String inv;

    @BeforeEach
    void start() throws Exception {
        server = TestSshServer.start();
        server.onCommand(line -> {
            if (line.equals("kolla-ansible --version")) {
                return Reply.ok(version + "\n");
            }
            if (line.startsWith("kolla-ansible ")) {
                return kolla.getOrDefault(line, Reply.failure(2, "kolla-ansible: error: unexpected " + line + "\n"));
            }
            return Reply.shell(); // cat, cp, tee, mv, rm: for real, on the files below
        });
        inventory = Files.writeString(server.workDir().resolve("multinode"), IniInventoryTest.MULTINODE);
        Files.setPosixFilePermissions(inventory, PosixFilePermissions.fromString("rw-r-----"));
        globals = Files.writeString(server.workDir().resolve("globals.yml"), """
                ---
                # openstack_release: "2023.1"
                kolla_base_distro: "ubuntu"
                openstack_release: "2024.1"
                enable_mariabackup: "yes"
                """);
        inv = inventory.toString();
        deployer = new KollaAnsibleDeployer(SshTestSupport.shell(new Secrets(n -> null)), KollaProperties.defaults(), new Secrets(n -> null),
                Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC));
        site = site(server.endpoint(), inventory, globals);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    static Site site(SshEndpoint deployer, Path inventory, Path globals) {
        return new Site("lab", Flavour.KOLLA, false, new Site.OpenStack("lab", Path.of("clouds.yaml")), null, null,
                new Site.Kolla("deployer", inventory, globals, Path.of("/etc/kolla")),
                Map.of("deployer", new Site.HostGroup(List.of(deployer.host()), deployer.port(), deployer.user(), deployer.privateKey(), deployer.knownHosts())),
                null);
    }

    // --- commands of both CLIs ---

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "20.1.0 | PRECHECKS                  | cn05      | kolla-ansible prechecks -i 'INV' --limit 'cn05'",
            "20.1.0 | BOOTSTRAP_SERVERS          | cn05,cn06 | kolla-ansible bootstrap-servers -i 'INV' --limit 'cn05,cn06'",
            "20.1.0 | PULL                       |           | kolla-ansible pull -i 'INV'",
            "20.1.0 | DEPLOY                     | cn05      | kolla-ansible deploy -i 'INV' --limit 'cn05'",
            "20.1.0 | UPGRADE                    |           | kolla-ansible upgrade -i 'INV'",
            "20.1.0 | RECONFIGURE                | ctl01     | kolla-ansible reconfigure -i 'INV' --limit 'ctl01'",
            "20.1.0 | STOP                       | cn05      | kolla-ansible stop -i 'INV' --yes-i-really-really-mean-it --limit 'cn05'",
            "20.1.0 | MARIADB_BACKUP_FULL        |           | kolla-ansible mariadb-backup -i 'INV'",
            "20.1.0 | MARIADB_BACKUP_INCREMENTAL |           | kolla-ansible mariadb-backup -i 'INV' --incremental",
            "20.1.0 | MARIADB_RECOVERY           |           | kolla-ansible mariadb-recovery -i 'INV'",
            "18.4.0 | PRECHECKS                  | cn05      | kolla-ansible -i 'INV' prechecks --limit 'cn05'",
            "18.4.0 | BOOTSTRAP_SERVERS          | cn05,cn06 | kolla-ansible -i 'INV' bootstrap-servers --limit 'cn05,cn06'",
            "18.4.0 | PULL                       |           | kolla-ansible -i 'INV' pull",
            "18.4.0 | DEPLOY                     | cn05      | kolla-ansible -i 'INV' deploy --limit 'cn05'",
            "18.4.0 | UPGRADE                    |           | kolla-ansible -i 'INV' upgrade",
            "18.4.0 | RECONFIGURE                | ctl01     | kolla-ansible -i 'INV' reconfigure --limit 'ctl01'",
            "18.4.0 | STOP                       | cn05      | kolla-ansible -i 'INV' stop --yes-i-really-really-mean-it --limit 'cn05'",
            "18.4.0 | MARIADB_BACKUP_FULL        |           | kolla-ansible -i 'INV' mariadb_backup",
            "18.4.0 | MARIADB_BACKUP_INCREMENTAL |           | kolla-ansible -i 'INV' mariadb_backup --incremental",
            "18.4.0 | MARIADB_RECOVERY           |           | kolla-ansible -i 'INV' mariadb_recovery"})
    void speaksTheCliOfTheInstalledVersion(String installed, KollaAction action, String limit, String expected) {
        version = "kolla-ansible " + installed;
        String line = expected.replace("INV", inv);
        kolla.put(line, Reply.ok(AnsibleResultsTest.fixture("play-recap-success-rescued-ignored.stdout")));

        KollaRun run = deployer.run(site, action, limit == null ? List.of() : List.of(limit.split(",")));

        assertThat(server.commands()).containsExactly("kolla-ansible --version", line);
        assertThat(run.outcome()).isEqualTo(KollaOutcome.SUCCEEDED);
        assertThat(run.command()).isEqualTo(line);
        assertThat(run.recap()).containsKey("testhost");
    }

    @Test
    void aFailedDeployIsAResultWithRecapAndEvidence() {
        String line = "kolla-ansible deploy -i '" + inv + "' --limit 'cn05'";
        kolla.put(line, new Reply(2, AnsibleResultsTest.fixture("play-recap-task-failed.stdout"), AnsibleResultsTest.fixture("play-recap-task-failed.stderr")));

        KollaRun run = deployer.run(site, KollaAction.DEPLOY, List.of("cn05"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.outcome()).isEqualTo(KollaOutcome.HOSTS_FAILED);
        assertThat(run.troubledHosts()).containsExactly("testhost");
        assertThat(run.logTail()).contains("the role 'does-not-exist' was not found").contains("PLAY RECAP");
        assertThat(run.succeeded()).isFalse();
    }

    @Test
    void theVersionIsAskedOncePerSite() {
        kolla.put("kolla-ansible pull -i '" + inv + "'", Reply.ok(""));

        deployer.run(site, KollaAction.PULL, List.of());
        deployer.run(site, KollaAction.PULL, List.of());

        assertThat(server.commands()).filteredOn("kolla-ansible --version"::equals).hasSize(1);
    }

    @Test
    void aLimitIsRefusedWhereItDoesNotApplyAndHostNamesAreValidated() {
        assertThatThrownBy(() -> deployer.run(site, KollaAction.MARIADB_RECOVERY, List.of("ctl01"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deployer.run(site, KollaAction.DEPLOY, List.of("cn05;touch x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.commands()).isEmpty();
    }

    // --- inventory edits on a real file ---

    @Test
    void addsAHostWithABackupKeepingModeCommentsAndOtherGroups() throws Exception {
        FileChange change = deployer.addHost(site, "compute", "cn05");

        assertThat(change.changed()).isTrue();
        assertThat(change.backup()).isEqualTo(inv + ".dayshift-20250304T050607Z");
        assertThat(Files.readString(Path.of(change.backup()))).isEqualTo(IniInventoryTest.MULTINODE);
        assertThat(Files.readString(inventory)).isEqualTo(IniInventoryTest.MULTINODE.replace("# rack 2\n", "# rack 2\ncn05\n"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(inventory))).isEqualTo("rw-r-----");
        assertThat(deployer.inventoryHasHost(site, "compute", "cn05")).isTrue();
        try (Stream<Path> files = Files.list(server.workDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("dayshift-tmp"));
        }
        assertThat(server.commands()).contains(
                "cp -p '" + inv + "' '" + inv + ".dayshift-20250304T050607Z' && cp -p '" + inv + "' '" + inv + ".dayshift-tmp-20250304T050607Z'",
                "tee '" + inv + ".dayshift-tmp-20250304T050607Z'",
                "mv -f '" + inv + ".dayshift-tmp-20250304T050607Z' '" + inv + "'");
    }

    @Test
    void addingAHostThatIsAlreadyThereWritesNothing() throws Exception {
        FileChange change = deployer.addHost(site, "compute", "cn02");

        assertThat(change).isEqualTo(new FileChange(inv, false, ""));
        assertThat(Files.readString(inventory)).isEqualTo(IniInventoryTest.MULTINODE);
        assertThat(server.commands()).containsExactly("cat '" + inv + "'");
    }

    @Test
    void removesAHostAndRemovingItAgainIsANoOp() throws Exception {
        FileChange first = deployer.removeHost(site, "compute", "cn01");
        FileChange second = deployer.removeHost(site, "compute", "cn01");

        assertThat(first.changed()).isTrue();
        assertThat(second.changed()).isFalse();
        assertThat(Files.readString(inventory)).isEqualTo(IniInventoryTest.MULTINODE.replace("[compute]\ncn01\n", "[compute]\n"));
        assertThat(Files.readString(Path.of(first.backup()))).isEqualTo(IniInventoryTest.MULTINODE);
    }

    @Test
    void anUnknownGroupIsRefusedNamingSiteAndFile() throws Exception {
        assertThatThrownBy(() -> deployer.addHost(site, "storage", "cn05"))
                .isInstanceOf(KollaException.class)
                .hasMessageContaining("site lab")
                .hasMessageContaining(inv)
                .hasMessageContaining("[storage]");
        assertThat(Files.readString(inventory)).isEqualTo(IniInventoryTest.MULTINODE);
    }

    @Test
    void aMissingInventoryIsAFailureNamingIt() throws Exception {
        Files.delete(inventory);

        assertThatThrownBy(() -> deployer.addHost(site, "compute", "cn05"))
                .isInstanceOf(KollaException.class)
                .hasMessageContaining(inv)
                .hasMessageContaining("No such file");
    }

    // --- globals.yml ---

    @Test
    void readsTheReleaseIgnoringCommentedLines() {
        assertThat(deployer.openstackRelease(site)).contains("2024.1");
    }

    @Test
    void setsTheReleaseForARollbackKeepingTheRest() throws Exception {
        String before = Files.readString(globals);

        FileChange change = deployer.setOpenstackRelease(site, "2023.2");

        assertThat(change.changed()).isTrue();
        assertThat(Files.readString(globals)).isEqualTo(before.replace("openstack_release: \"2024.1\"", "openstack_release: \"2023.2\""));
        assertThat(deployer.openstackRelease(site)).contains("2023.2");
        assertThat(Files.readString(Path.of(change.backup()))).isEqualTo(before);
        assertThat(deployer.setOpenstackRelease(site, "2023.2").changed()).isFalse();
    }

    @Test
    void addsTheReleaseWhenOnlyACommentedOneExists() throws Exception {
        Files.writeString(globals, "---\n#openstack_release: \"2023.1\"\nkolla_base_distro: \"rocky\"");

        deployer.setOpenstackRelease(site, "2024.2");

        assertThat(Files.readString(globals)).isEqualTo("---\n#openstack_release: \"2023.1\"\nkolla_base_distro: \"rocky\"\nopenstack_release: \"2024.2\"\n");
        assertThat(deployer.openstackRelease(site)).contains("2024.2");
    }

    @Test
    void noReleaseInGlobalsIsEmpty() throws Exception {
        Files.writeString(globals, "---\n# nothing set\n");

        assertThat(deployer.openstackRelease(site)).isEmpty();
    }
}
