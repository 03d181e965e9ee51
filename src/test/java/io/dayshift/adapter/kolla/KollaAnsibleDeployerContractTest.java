package io.dayshift.adapter.kolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.adapter.ssh.SshTestSupport;
import io.dayshift.kolla.FileChange;
import io.dayshift.kolla.HostRecap;
import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaException;
import io.dayshift.kolla.KollaOutcome;
import io.dayshift.kolla.KollaRun;
import io.dayshift.kolla.KollaRunConflictException;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.kolla.KollaRunState;
import io.dayshift.kolla.KollaRunStatus;
import io.dayshift.site.Flavour;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.site.SshEndpoint;
import io.dayshift.testing.DetachedProcesses;
import io.dayshift.testing.TestSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kolla adapter over real SSH and a real {@code /bin/sh}: kolla-ansible is a fake script first on the shell's PATH that
 * answers {@code --version} like either CLI and otherwise counts its launches, optionally waits to be released, prints a real
 * PLAY RECAP fixture and exits with a chosen code; file edits are done on real files behind the server.
 */
class KollaAnsibleDeployerContractTest {

    private static final String FAKE_KOLLA_ANSIBLE = """
            #!/bin/sh
            ctl='CTL'
            if [ "$1" = "--version" ]; then cat "$ctl/version"; exit 0; fi
            echo "$*" >> "$ctl/launches"
            while [ -f "$ctl/hold" ] && [ ! -f "$ctl/release" ]; do sleep 0.05; done
            if [ -f "$ctl/stderr" ]; then cat "$ctl/stderr" >&2; fi
            if [ -f "$ctl/stdout" ]; then cat "$ctl/stdout"; fi
            exit "$(cat "$ctl/exit")"
            """;

    private TestSshServer server;
    private Secrets secrets;
    private KollaAnsibleDeployer deployer;
    private Site site;
    private Path inventory;
    private Path globals;
    private String inv;
    private Path ctl;
    private Path runs;

    @BeforeEach
    void start() throws Exception {
        server = TestSshServer.start();
        server.useShell();
        Path bin = Files.createDirectory(server.workDir().resolve("bin"));
        ctl = Files.createDirectory(server.workDir().resolve("ctl"));
        Path fake = Files.writeString(bin.resolve("kolla-ansible"), FAKE_KOLLA_ANSIBLE.replace("CTL", ctl.toString()));
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        server.prependToPath(bin);
        version("20.1.0");
        finishWith(0, "play-recap-success-rescued-ignored.stdout", null);

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
        runs = server.workDir().resolve("kolla-runs");
        secrets = new Secrets(n -> null);
        deployer = new KollaAnsibleDeployer(SshTestSupport.shell(secrets),
                new KollaProperties("kolla-ansible", Duration.ofMinutes(2), runs.toString(), 1000, Duration.ofHours(1)), secrets,
                Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC), call -> { });
        site = site(server.endpoint(), inventory, globals);
    }

    @AfterEach
    void stop() throws Exception {
        Files.writeString(ctl.resolve("release"), "");
        DetachedProcesses.killLeftovers(runs);
        server.close();
    }

    static Site site(SshEndpoint deployer, Path inventory, Path globals) {
        return new Site("lab", Flavour.KOLLA, false, new Site.OpenStack("lab", Path.of("clouds.yaml")), null, null,
                new Site.Kolla("deployer", inventory, globals, Path.of("/etc/kolla")),
                Map.of("deployer", new Site.HostGroup(List.of(deployer.host()), deployer.port(), deployer.user(), deployer.privateKey(), deployer.knownHosts())),
                null, null);
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
    void speaksTheCliOfTheInstalledVersion(String installed, KollaAction action, String limit, String expected) throws Exception {
        version(installed);
        String line = expected.replace("INV", inv);

        KollaRunHandle handle = deployer.start(site, action, limit == null ? List.of() : List.of(limit.split(",")), "run-" + action);
        KollaRun run = awaitFinished(handle);

        assertThat(server.commands().get(0)).isEqualTo("kolla-ansible --version");
        assertThat(handle.command()).isEqualTo(line);
        assertThat(Files.readString(runs.resolve("run-" + action).resolve("command"))).isEqualTo(line + "\n");
        assertThat(launches()).containsExactly(line.substring("kolla-ansible ".length()).replace("'", ""));
        assertThat(run.outcome()).isEqualTo(KollaOutcome.SUCCEEDED);
        assertThat(run.command()).isEqualTo(line);
        assertThat(run.recap()).containsKey("testhost");
    }

    // --- detached runs ---

    @Test
    void aDeployRunsInTheBackgroundAndIsCheckedUntilItFinishes() throws Exception {
        hold();

        KollaRunHandle handle = deployer.start(site, KollaAction.DEPLOY, List.of("cn05"), "4711-Task_DeployComputeHost");

        assertThat(handle).isEqualTo(new KollaRunHandle("4711-Task_DeployComputeHost", KollaAction.DEPLOY,
                "kolla-ansible deploy -i '" + inv + "' --limit 'cn05'", runs.resolve("4711-Task_DeployComputeHost").toString()));
        KollaRunState running = deployer.check(site, handle);
        assertThat(running.status()).isEqualTo(KollaRunStatus.RUNNING);
        assertThat(running.result()).isEmpty();
        assertThat(running.detail()).contains("kolla-ansible DEPLOY (run 4711-Task_DeployComputeHost) running for").contains("pid");
        assertThat(running.logTail()).isEmpty();

        release();
        KollaRunState finished = awaitDone(handle);

        assertThat(finished.status()).isEqualTo(KollaRunStatus.FINISHED);
        KollaRun run = finished.result().orElseThrow();
        assertThat(run.succeeded()).isTrue();
        assertThat(run.exitCode()).isZero();
        assertThat(run.recap().get("testhost")).isEqualTo(new HostRecap("testhost", 19, 11, 0, 0, 4, 1, 2));
        assertThat(run.logTail()).hasSize(1000).endsWith(AnsibleResultsTest.fixture("play-recap-success-rescued-ignored.stdout")
                .substring(AnsibleResultsTest.fixture("play-recap-success-rescued-ignored.stdout").length() - 1000));
        assertThat(run.truncated()).isTrue();
        assertThat(finished.detail()).contains("ended SUCCEEDED (exit 0)");
        assertThat(deployer.check(site, handle)).isEqualTo(finished);
    }

    @Test
    void startingTheSameRunAgainLaunchesNothing() throws Exception {
        hold();
        KollaRunHandle first = deployer.start(site, KollaAction.UPGRADE, List.of(), "4711-Task_Upgrade");

        KollaRunHandle second = deployer.start(site, KollaAction.UPGRADE, List.of(), "4711-Task_Upgrade");

        assertThat(second).isEqualTo(first);
        release();
        awaitDone(first);
        assertThat(deployer.start(site, KollaAction.UPGRADE, List.of(), "4711-Task_Upgrade")).isEqualTo(first);
        assertThat(deployer.check(site, first).status()).isEqualTo(KollaRunStatus.FINISHED);
        assertThat(launches()).hasSize(1);
    }

    @Test
    void twoJobsStartingTheSameStepAtOnceLaunchItOnce() throws Exception {
        hold();
        ExecutorService jobs = Executors.newFixedThreadPool(4);
        List<KollaRunHandle> handles = new ArrayList<>();
        try {
            List<Callable<KollaRunHandle>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(() -> deployer.start(site, KollaAction.DEPLOY, List.of("cn05"), "4711-Task_Deploy"));
            }
            for (Future<KollaRunHandle> f : jobs.invokeAll(starts)) {
                try {
                    handles.add(f.get());
                } catch (ExecutionException e) {
                    // a start that met the run half-created says so and is retried by its job; it launched nothing
                    assertThat(e.getCause()).isInstanceOf(KollaException.class).hasMessageContaining("being started by another call");
                }
            }
        } finally {
            jobs.shutdownNow();
        }

        assertThat(handles).isNotEmpty().allSatisfy(h -> assertThat(h).isEqualTo(handles.get(0)));
        release();
        awaitDone(handles.get(0));
        assertThat(launches()).hasSize(1);
    }

    @Test
    void aRunIdTakenByAnotherCommandIsAClearFailure() throws Exception {
        hold();
        deployer.start(site, KollaAction.DEPLOY, List.of("cn05"), "4711-Task_Deploy");

        assertThatThrownBy(() -> deployer.start(site, KollaAction.DEPLOY, List.of("cn06"), "4711-Task_Deploy"))
                .isInstanceOf(KollaRunConflictException.class)
                .hasMessageContaining("run id 4711-Task_Deploy")
                .hasMessageContaining("site lab")
                .hasMessageContaining("kolla-ansible deploy -i '" + inv + "' --limit 'cn05'")
                .hasMessageContaining("kolla-ansible deploy -i '" + inv + "' --limit 'cn06'");
        assertThat(launches()).hasSize(1);
    }

    @Test
    void aKilledRunIsLostNeverOk() throws Exception {
        hold();
        KollaRunHandle handle = deployer.start(site, KollaAction.UPGRADE, List.of(), "4711-Task_Upgrade");
        long pid = Long.parseLong(Files.readString(runs.resolve("4711-Task_Upgrade").resolve("pid")).strip());

        DetachedProcesses.kill(pid);
        KollaRunState lost = awaitDone(handle);

        assertThat(lost.status()).isEqualTo(KollaRunStatus.LOST);
        assertThat(lost.result()).isEmpty();
        assertThat(lost.detail()).contains("kolla-ansible UPGRADE (run 4711-Task_Upgrade)").contains("site lab").contains("LOST")
                .contains("process " + pid).contains(handle.directory() + "/log").contains("new run id");
    }

    @Test
    void aRunWhoseDirectoryIsGoneIsLost() throws Exception {
        KollaRunHandle handle = new KollaRunHandle("gone", KollaAction.DEPLOY, "kolla-ansible deploy", runs.resolve("gone").toString());

        KollaRunState lost = deployer.check(site, handle);

        assertThat(lost.status()).isEqualTo(KollaRunStatus.LOST);
        assertThat(lost.detail()).contains("does not exist");
    }

    @Test
    void aFailedDeployIsAResultWithRecapAndEvidence() throws Exception {
        finishWith(2, "play-recap-task-failed.stdout", "play-recap-task-failed.stderr");

        KollaRun run = awaitFinished(deployer.start(site, KollaAction.DEPLOY, List.of("cn05"), "failed"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.outcome()).isEqualTo(KollaOutcome.HOSTS_FAILED);
        assertThat(run.troubledHosts()).containsExactly("testhost");
        assertThat(run.logTail()).contains("the role 'does-not-exist' was not found").contains("PLAY RECAP");
        assertThat(run.truncated()).isTrue();
        assertThat(run.succeeded()).isFalse();
    }

    @Test
    void exitFourIsUnreachableHostsOnlyWhenTheRecapShowsThem() throws Exception {
        finishWith(4, "play-recap-success-rescued-ignored.stdout", null);
        assertThat(awaitFinished(deployer.start(site, KollaAction.DEPLOY, List.of(), "parse-error")).outcome()).isEqualTo(KollaOutcome.PARSE_ERROR);

        Files.writeString(ctl.resolve("stdout"), """
                PLAY RECAP *********************************************************************
                cn05                       : ok=0    changed=0    unreachable=1    failed=0    skipped=0    rescued=0    ignored=0  \s
                cn06                       : ok=12   changed=3    unreachable=0    failed=0    skipped=2    rescued=0    ignored=0  \s
                """);
        KollaRun unreachable = awaitFinished(deployer.start(site, KollaAction.DEPLOY, List.of(), "unreachable"));

        assertThat(unreachable.outcome()).isEqualTo(KollaOutcome.HOSTS_UNREACHABLE);
        assertThat(unreachable.troubledHosts()).containsExactly("cn05");
        assertThat(unreachable.truncated()).isFalse();
    }

    @Test
    void secretsInTheLogAreMasked() throws Exception {
        secrets.remember("s3cr3t-db-password");
        Files.writeString(ctl.resolve("stdout"), "TASK [mariadb : Check] ***\nok: [ctl01] => {\"password\": \"s3cr3t-db-password\"}\n");

        KollaRun run = awaitFinished(deployer.start(site, KollaAction.PRECHECKS, List.of(), "masked"));

        assertThat(run.logTail()).contains("ok: [ctl01]").doesNotContain("s3cr3t-db-password");
    }

    @Test
    void theVersionIsAskedOncePerSite() throws Exception {
        awaitFinished(deployer.start(site, KollaAction.PULL, List.of(), "pull-1"));
        awaitFinished(deployer.start(site, KollaAction.PULL, List.of(), "pull-2"));

        assertThat(server.commands()).filteredOn("kolla-ansible --version"::equals).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../etc", "..", "a b", "$(touch x)", "x;touch x", "-rf", "a/b"})
    void badRunIdsAreRefusedBeforeAnythingIsSent(String runId) {
        assertThatThrownBy(() -> deployer.start(site, KollaAction.DEPLOY, List.of(), runId))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run id");
        assertThat(server.commands()).isEmpty();
        assertThat(server.workDir().resolve("x")).doesNotExist();
    }

    @Test
    void aLimitIsRefusedWhereItDoesNotApplyAndHostNamesAreValidated() {
        assertThatThrownBy(() -> deployer.start(site, KollaAction.MARIADB_RECOVERY, List.of("ctl01"), "r1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deployer.start(site, KollaAction.DEPLOY, List.of("cn05;touch x"), "r2")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.commands()).isEmpty();
    }

    @Test
    void aHandleThatDoesNotMatchItsDirectoryIsRefused() {
        KollaRunHandle forged = new KollaRunHandle("mine", KollaAction.DEPLOY, "kolla-ansible deploy", runs.resolve("other").toString());

        assertThatThrownBy(() -> deployer.check(site, forged)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mine");
        assertThat(server.commands()).isEmpty();
    }

    // --- the fake kolla-ansible ---

    private void version(String installed) throws IOException {
        Files.writeString(ctl.resolve("version"), "kolla-ansible " + installed + "\n");
    }

    private void finishWith(int exit, String stdoutFixture, String stderrFixture) throws IOException {
        Files.writeString(ctl.resolve("exit"), exit + "\n");
        Files.writeString(ctl.resolve("stdout"), AnsibleResultsTest.fixture(stdoutFixture));
        if (stderrFixture != null) {
            Files.writeString(ctl.resolve("stderr"), AnsibleResultsTest.fixture(stderrFixture));
        }
    }

    private void hold() throws IOException {
        Files.writeString(ctl.resolve("hold"), "");
    }

    private void release() throws IOException {
        Files.writeString(ctl.resolve("release"), "");
    }

    private List<String> launches() throws IOException {
        Path file = ctl.resolve("launches");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** Checks until the run is no longer running, as a runbook's timer loop would; a bound, not a speed assertion. */
    private KollaRunState awaitDone(KollaRunHandle handle) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        KollaRunState state = deployer.check(site, handle);
        while (state.running() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            state = deployer.check(site, handle);
        }
        return state;
    }

    private KollaRun awaitFinished(KollaRunHandle handle) throws InterruptedException {
        KollaRunState state = awaitDone(handle);
        assertThat(state.status()).as(state.detail()).isEqualTo(KollaRunStatus.FINISHED);
        return state.result().orElseThrow();
    }



    // --- inventory edits on a real file ---

    @Test
    void addsAHostWithABackupKeepingModeCommentsAndOtherGroups() throws Exception {
        String updated = IniInventoryTest.MULTINODE.replace("# rack 2\n", "# rack 2\ncn05\n");
        String backup = inv + ".dayshift-" + KollaAnsibleDeployer.contentName(IniInventoryTest.MULTINODE);
        String temporary = inv + ".dayshift-tmp-" + KollaAnsibleDeployer.contentName(updated);

        FileChange change = deployer.addHost(site, "compute", "cn05");

        assertThat(change.changed()).isTrue();
        assertThat(change.backup()).isEqualTo(backup);
        assertThat(Files.readString(Path.of(change.backup()))).isEqualTo(IniInventoryTest.MULTINODE);
        assertThat(Files.readString(inventory)).isEqualTo(updated);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(inventory))).isEqualTo("rw-r-----");
        assertThat(deployer.inventoryHasHost(site, "compute", "cn05")).isTrue();
        try (Stream<Path> files = Files.list(server.workDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("dayshift-tmp"));
        }
        assertThat(server.commands()).contains(
                "cp -p '" + inv + "' '" + backup + "'",
                "cp -p '" + inv + "' '" + temporary + "'",
                "tee '" + temporary + "'",
                "mv -f '" + temporary + "' '" + inv + "'");
    }

    @Test
    void anEditRunAgainAfterACrashBeforeItsMoveWritesNothingTwice() throws Exception {
        // given an addition that made its backup and wrote its temporary copy, then its node died before the mv
        String updated = IniInventoryTest.MULTINODE.replace("# rack 2\n", "# rack 2\ncn05\n");
        String backup = inv + ".dayshift-" + KollaAnsibleDeployer.contentName(IniInventoryTest.MULTINODE);
        String temporary = inv + ".dayshift-tmp-" + KollaAnsibleDeployer.contentName(updated);
        Files.writeString(Path.of(backup), IniInventoryTest.MULTINODE);
        Files.writeString(Path.of(temporary), updated);
        int before = server.commands().size();

        // when the step runs again
        FileChange change = deployer.addHost(site, "compute", "cn05");

        // then it finds both copies and only moves the new content into place: no copy, no write made twice
        assertThat(change).isEqualTo(new FileChange(inv, true, backup));
        assertThat(Files.readString(inventory)).isEqualTo(updated);
        assertThat(server.commands().subList(before, server.commands().size())).noneMatch(c -> c.startsWith("cp ") || c.startsWith("tee "))
                .contains("mv -f '" + temporary + "' '" + inv + "'");
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
