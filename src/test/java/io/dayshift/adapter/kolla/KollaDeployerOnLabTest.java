package io.dayshift.adapter.kolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.adapter.ssh.SshTestSupport;
import io.dayshift.kolla.ContainerLog;
import io.dayshift.kolla.FileChange;
import io.dayshift.kolla.GaleraNode;
import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaException;
import io.dayshift.kolla.KollaOutcome;
import io.dayshift.kolla.KollaRun;
import io.dayshift.kolla.KollaRunConflictException;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.kolla.KollaRunState;
import io.dayshift.kolla.KollaRunStatus;
import io.dayshift.lab.model.Backup;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabOperation;
import io.dayshift.lab.model.LabSite;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.testing.LabFixture;
import io.dayshift.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production Kolla adapter over real SSH against the built-in lab's kolla site (kolla-ansible 17.3.0, the bash CLI):
 * kolla-ansible started detached, checked while it runs in simulated time, and read back when it has ended; the MariaDB
 * restore of a backup and the recovery of the cluster from it.
 */
class KollaDeployerOnLabTest {

    private static final String RUNS = "/var/tmp/dayshift/kolla-runs";
    private static final String NIGHTLY = "mysqlbackup-nightly.qp.xbc.xbs.gz";

    private final MutableClock clock = MutableClock.at("2025-05-06T07:00:00Z");
    private LabFixture lab;
    private KollaAnsibleDeployer kolla;
    private Site site;
    private LabSite model;

    @BeforeEach
    void start() {
        lab = LabFixture.start("lab", "lab/small-kolla.yaml", clock);
        Secrets secrets = new Secrets(name -> null);
        kolla = new KollaAnsibleDeployer(SshTestSupport.shell(secrets), KollaProperties.defaults(), secrets, Clock.systemUTC(), call -> { });
        site = lab.site();
        model = lab.model();
    }

    @AfterEach
    void stop() throws Exception {
        lab.close();
    }

    /** Lets the simulated run take its time, then checks it: it must have finished. */
    private KollaRun finished(KollaRunHandle handle, LabOperation operation) {
        clock.advance(model.duration(operation));
        KollaRunState state = kolla.check(site, handle);
        assertThat(state.status()).as(state.detail()).isEqualTo(KollaRunStatus.FINISHED);
        return state.result().orElseThrow();
    }

    @Test
    void everyMariadbNodeTellsItsGaleraViewThroughAnsibleAndANodeOutSeesOnlyItself() {
        assertThat(kolla.galeraStatus(site)).extracting(GaleraNode::host, GaleraNode::clusterSize, GaleraNode::clusterStatus, GaleraNode::localState)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("cc01", 3, "Primary", "Synced"),
                        org.assertj.core.groups.Tuple.tuple("cc02", 3, "Primary", "Synced"), org.assertj.core.groups.Tuple.tuple("cc03", 3, "Primary", "Synced"));

        model.injectFault(LabFault.of(FaultType.GALERA_NODE_OUT, "cc02"));
        model.injectFault(LabFault.of(FaultType.CONTAINER_EXITED, "cc03/mariadb"));
        assertThat(kolla.galeraStatus(site)).extracting(GaleraNode::host, GaleraNode::clusterSize, GaleraNode::clusterStatus)
                .contains(org.assertj.core.groups.Tuple.tuple("cc01", 1, "Primary"), org.assertj.core.groups.Tuple.tuple("cc02", 1, "non-Primary"));
        assertThat(kolla.galeraStatus(site)).filteredOn(n -> n.host().equals("cc03")).singleElement()
                .satisfies(n -> assertThat(n.problem()).hasValueSatisfying(p -> assertThat(p).contains("is not running")));
    }

    @Test
    void aDeployLimitedToAHostRunsDetachedAndFinishesWithItsRecap() {
        KollaRunHandle handle = kolla.start(site, KollaAction.DEPLOY, List.of("cn03"), "4711-Task_DeployComputeHost");

        assertThat(handle).isEqualTo(new KollaRunHandle("4711-Task_DeployComputeHost", KollaAction.DEPLOY,
                "kolla-ansible -i '/etc/kolla/multinode' deploy --limit 'cn03'", RUNS + "/4711-Task_DeployComputeHost"));
        KollaRunState running = kolla.check(site, handle);
        assertThat(running.status()).isEqualTo(KollaRunStatus.RUNNING);
        assertThat(running.detail()).contains("running for 0s").contains("pid");
        assertThat(running.logTail()).isEmpty();
        assertThat(model.destructiveActions()).containsEntry("kolla-deploy", 1L);

        clock.advance(model.duration(LabOperation.KOLLA_DEPLOY).minusSeconds(1));
        assertThat(kolla.check(site, handle).status()).isEqualTo(KollaRunStatus.RUNNING);
        clock.advance(Duration.ofSeconds(1));
        KollaRunState done = kolla.check(site, handle);
        assertThat(done.status()).isEqualTo(KollaRunStatus.FINISHED);
        KollaRun run = done.result().orElseThrow();

        assertThat(run.outcome()).isEqualTo(KollaOutcome.SUCCEEDED);
        assertThat(run.exitCode()).isZero();
        assertThat(run.command()).isEqualTo("kolla-ansible -i '/etc/kolla/multinode' deploy --limit 'cn03'");
        assertThat(run.recap()).containsOnlyKeys("cn03");
        assertThat(run.recap().get("cn03").failed()).isZero();
        assertThat(run.logTail()).startsWith("Deploying Playbooks : ansible-playbook ").contains("PLAY RECAP ****");
        assertThat(run.truncated()).isFalse();
        assertThat(run.took()).isEqualTo(model.duration(LabOperation.KOLLA_DEPLOY));
        assertThat(model.kolla().file(handle.directory() + "/rc").orElseThrow().content()).isEqualTo("0\n");
        assertThat(kolla.check(site, handle).result()).contains(run);
    }

    @Test
    void startingTheSameRunAgainLaunchesNothingAndAnotherCommandUnderItsIdIsAConflict() {
        KollaRunHandle first = kolla.start(site, KollaAction.UPGRADE, List.of(), "4711-Task_Upgrade");

        KollaRunHandle again = kolla.start(site, KollaAction.UPGRADE, List.of(), "4711-Task_Upgrade");

        assertThat(again).isEqualTo(first);
        assertThat(model.destructiveActions()).containsEntry("kolla-upgrade", 1L);
        assertThat(finished(first, LabOperation.KOLLA_UPGRADE).succeeded()).isTrue();
        assertThat(kolla.start(site, KollaAction.UPGRADE, List.of(), "4711-Task_Upgrade")).isEqualTo(first);
        assertThatThrownBy(() -> kolla.start(site, KollaAction.UPGRADE, List.of("cn01"), "4711-Task_Upgrade"))
                .isInstanceOf(KollaRunConflictException.class)
                .hasMessageContaining("run id 4711-Task_Upgrade is taken")
                .hasMessageContaining("it runs: kolla-ansible -i '/etc/kolla/multinode' upgrade ;");
        assertThat(model.destructiveActions()).containsEntry("kolla-upgrade", 1L);
        assertThat(kolla.check(site, first).status()).isEqualTo(KollaRunStatus.FINISHED);
    }

    @Test
    void anInjectedDeployFaultFailsThatHostOnly() {
        model.injectFault(LabFault.of(FaultType.DEPLOY_FAILS, "cn05"));

        KollaRun run = finished(kolla.start(site, KollaAction.DEPLOY, List.of("cn04", "cn05"), "deploy-cn04-cn05"), LabOperation.KOLLA_DEPLOY);

        assertThat(run.outcome()).isEqualTo(KollaOutcome.HOSTS_FAILED);
        assertThat(run.exitCode()).isEqualTo(1); // the bash CLI of kolla-ansible 17.3.0 turns ansible-playbook's 2 into 1
        assertThat(run.troubledHosts()).containsExactly("cn05");
        assertThat(run.recap()).containsOnlyKeys("cn04", "cn05");
        assertThat(run.logTail()).contains("fatal: [cn05]: FAILED!").contains("Command failed ansible-playbook");
        assertThat(model.kolla().hostReleases()).containsKey("cn04");
    }

    @Test
    void failingPrechecksNameTheHost() {
        model.injectFault(LabFault.of(FaultType.PRECHECK_FAILS, "cn02"));

        KollaRun prechecks = finished(kolla.start(site, KollaAction.PRECHECKS, List.of("compute"), "prechecks-compute"), LabOperation.KOLLA_PRECHECKS);

        assertThat(prechecks.outcome()).isEqualTo(KollaOutcome.HOSTS_FAILED);
        assertThat(prechecks.troubledHosts()).containsExactly("cn02");
        assertThat(prechecks.recap()).containsOnlyKeys("cn01", "cn02", "cn03", "cn04", "cn05", "cn06");
        assertThat(prechecks.logTail()).contains("NTP daemon is not running");
        assertThat(model.destructiveActions()).containsEntry("kolla-prechecks", 1L);
    }

    @Test
    void aHostNotYetDeployedInMaasIsUnreachable() {
        kolla.addHost(site, "compute", "spare01");

        KollaRun run = finished(kolla.start(site, KollaAction.BOOTSTRAP_SERVERS, List.of("spare01"), "bootstrap-spare01"),
                LabOperation.KOLLA_BOOTSTRAP_SERVERS);

        assertThat(run.outcome()).isEqualTo(KollaOutcome.HOSTS_UNREACHABLE);
        assertThat(run.troubledHosts()).containsExactly("spare01");
        assertThat(run.logTail()).contains("fatal: [spare01]: UNREACHABLE!");
    }

    @Test
    void mariadbBackupsFullAndIncrementalLandInTheBackupVolume() {
        model.injectFault(new LabFault("", FaultType.BACKUP_FAILS, "", "", 1));
        int seeded = model.backup().backups().size();

        KollaRun failed = finished(kolla.start(site, KollaAction.MARIADB_BACKUP_FULL, List.of(), "backup-1"), LabOperation.KOLLA_MARIADB_BACKUP);
        KollaRunHandle fullHandle = kolla.start(site, KollaAction.MARIADB_BACKUP_FULL, List.of(), "backup-2");
        KollaRun full = finished(fullHandle, LabOperation.KOLLA_MARIADB_BACKUP);
        KollaRunHandle incrementalHandle = kolla.start(site, KollaAction.MARIADB_BACKUP_INCREMENTAL, List.of(), "backup-3");
        KollaRun incremental = finished(incrementalHandle, LabOperation.KOLLA_MARIADB_BACKUP);

        assertThat(failed.outcome()).isEqualTo(KollaOutcome.HOSTS_FAILED);
        assertThat(failed.logTail()).contains("No space left on device");
        assertThat(full.succeeded()).isTrue();
        assertThat(fullHandle.command()).isEqualTo("kolla-ansible -i '/etc/kolla/multinode' mariadb_backup");
        assertThat(full.recap()).containsOnlyKeys("cc01");
        assertThat(incremental.succeeded()).isTrue();
        assertThat(incrementalHandle.command()).isEqualTo("kolla-ansible -i '/etc/kolla/multinode' mariadb_backup --incremental");
        assertThat(incremental.logTail()).contains("-e kolla_action=backup -e mariadb_backup_type=incremental");
        assertThat(model.backup().backups()).hasSize(seeded + 2);
        assertThat(model.backup().backups().subList(seeded, seeded + 2)).extracting(Backup::kind).containsExactly("mariadb-full", "mariadb-incremental");
        assertThat(model.destructiveActions()).containsEntry("kolla-mariadb-backup", 2L).containsEntry("kolla-mariadb-backup-incremental", 1L);
    }

    @Test
    void addingAComputeEditsTheModelsInventoryAndItsDeployRegistersTheHypervisor() {
        String spare = model.maas().machineByHostname("spare01").orElseThrow().systemId();
        model.maas().deploy(spare, "jammy", "admin");
        clock.advance(model.duration(LabOperation.MACHINE_DEPLOY));

        FileChange added = kolla.addHost(site, "compute", "spare01");
        KollaRun deploy = finished(kolla.start(site, KollaAction.DEPLOY, List.of("spare01"), "deploy-spare01"), LabOperation.KOLLA_DEPLOY);

        assertThat(added.changed()).isTrue();
        assertThat(model.kolla().file("/etc/kolla/multinode").orElseThrow().content()).contains("cn06\nspare01\n");
        assertThat(model.kolla().file(added.backup())).isPresent();
        assertThat(kolla.inventoryHasHost(site, "compute", "spare01")).isTrue();
        assertThat(deploy.succeeded()).isTrue();
        assertThat(model.nova().hypervisor("spare01")).isPresent();
        assertThat(kolla.addHost(site, "compute", "spare01").changed()).isFalse();

        FileChange removed = kolla.removeHost(site, "compute", "spare01");
        assertThat(removed.changed()).isTrue();
        assertThat(kolla.inventoryHasHost(site, "compute", "spare01")).isFalse();
    }

    @Test
    void theReleaseInGlobalsIsReadAndSetOnTheModelsFileAndAnUpgradeBringsTheHostsToIt() {
        assertThat(kolla.openstackRelease(site)).contains("2023.2");

        FileChange change = kolla.setOpenstackRelease(site, "2024.1");

        assertThat(change.changed()).isTrue();
        assertThat(model.kolla().globalsRelease()).contains("2024.1");
        assertThat(kolla.openstackRelease(site)).contains("2024.1");
        KollaRunHandle upgrade = kolla.start(site, KollaAction.UPGRADE, List.of(), "upgrade-2024.1");
        assertThat(model.kolla().hostReleases()).containsEntry("cn01", "2023.2");
        assertThat(finished(upgrade, LabOperation.KOLLA_UPGRADE).succeeded()).isTrue();
        assertThat(model.kolla().hostReleases()).containsEntry("cn01", "2024.1");
    }

    @Test
    void aRunWhoseDirectoryIsGoneIsLost() {
        KollaRunHandle never = new KollaRunHandle("never-started", KollaAction.DEPLOY, "kolla-ansible -i '/etc/kolla/multinode' deploy",
                RUNS + "/never-started");

        KollaRunState lost = kolla.check(site, never);

        assertThat(lost.status()).isEqualTo(KollaRunStatus.LOST);
        assertThat(lost.detail()).contains("does not exist");
    }

    @Test
    void anExitedContainerIsRestartedOverAnsibleAndAnUnknownOneIsReported() {
        model.injectFault(new LabFault("", FaultType.CONTAINER_EXITED, "cc02/nova_api", "", 0));
        assertThat(kolla.containers(site, "cc02").get(0).containers()).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("nova_api");
            assertThat(c.running()).isFalse();
        });

        ContainerLog restarted = kolla.restartContainer(site, "cc02", "nova_api");

        assertThat(restarted.problem()).isEmpty();
        assertThat(restarted.lines()).containsExactly("nova_api");
        assertThat(kolla.containers(site, "cc02").get(0).containers()).filteredOn(c -> c.name().equals("nova_api"))
                .singleElement().satisfies(c -> assertThat(c.running()).isTrue());
        assertThat(model.destructiveActions()).containsEntry("restart-container", 1L);
        assertThat(kolla.restartContainer(site, "cc02", "nova_compute").problem()).hasValueSatisfying(p -> assertThat(p).contains("No such container"));
        assertThatThrownBy(() -> kolla.restartContainer(site, "cc02", "nova_api;reboot")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the MariaDB restore: Kolla's manual mariabackup restore in a one-shot container, mariadb_recovery from the
    // restored node, and the row counts read in the mariadb container


    private void stopControllers() {
        assertThat(finished(kolla.start(site, KollaAction.STOP, List.of("control"), "stop-control"), LabOperation.KOLLA_STOP).succeeded()).isTrue();
    }

    @Test
    void restoresTheNightlyBackupRecoversGaleraFromThatNodeAndCountsTheRestoredRows() {
        // given the backup's rows, then a day of changes, and the controllers stopped
        Map<String, Long> atBackup = model.backup().tableRowsAt("volume:mariadb_backup/" + NIGHTLY).orElseThrow();
        model.nova().bootServer("late-vm", "", model.nova().flavors().get(0).id(), model.nova().images().get(0).id(), "cn01", "", "", "");
        assertThat(model.backup().keyTableRows().get("nova.instances")).isEqualTo(atBackup.get("nova.instances") + 1);
        stopControllers();

        // when the backup is restored on cc01 and the cluster recovered from it
        KollaRunHandle restore = kolla.startMariaDbRestore(site, List.of(NIGHTLY), "4711-Task_RestoreDatabases");
        KollaRun restored = finished(restore, LabOperation.KOLLA_MARIADB_RECOVERY);
        KollaRunHandle recovery = kolla.startMariaDbRecovery(site, "4711-Task_RecoverDatabaseCluster");
        KollaRun recovered = finished(recovery, LabOperation.KOLLA_MARIADB_RECOVERY);

        // then the restore ran in the one-shot container with no secret on its command line, and the counts are the backup's
        assertThat(restore.command()).startsWith("ansible 'cc01' -i '/etc/kolla/multinode' --become -m command -a ")
                .contains("docker run --rm --name dayshift_mariadb_restore --user root --volumes-from mariadb --volume mariadb_backup:/backup")
                .contains("mariabackup --copy-back").endsWith("dayshift-restore '\\''" + NIGHTLY + "'\\'''")
                .doesNotContainIgnoringCase("password");
        assertThat(restored.outcome()).as(restored.logTail()).isEqualTo(KollaOutcome.SUCCEEDED);
        assertThat(restored.logTail()).contains("cc01 | CHANGED | rc=0 >>").contains("restored " + NIGHTLY + " into /var/lib/mysql");
        assertThat(recovery.command()).isEqualTo("kolla-ansible -i '/etc/kolla/multinode' mariadb_recovery -e 'mariadb_recover_inventory_name=cc01'");
        assertThat(recovered.succeeded()).isTrue();
        assertThat(model.backup().keyTableRows()).isEqualTo(atBackup);
        assertThat(model.destructiveActions()).containsEntry("mariadb-restore", 1L).containsEntry("kolla-mariadb-recovery", 1L);

        // and starting the same restore again launches nothing
        assertThat(kolla.startMariaDbRestore(site, List.of(NIGHTLY), "4711-Task_RestoreDatabases")).isEqualTo(restore);
        assertThat(model.destructiveActions()).containsEntry("mariadb-restore", 1L);
    }

    @Test
    void restoresAFullBackupAndItsIncrementalsInOrderAndRefusesABrokenChainAsMariabackupDoes() {
        // given a full backup and two incrementals, the rows changing in between, then another full and an incremental on it
        String full = backUp(KollaAction.MARIADB_BACKUP_FULL, "full-1");
        model.nova().bootServer("vm-after-full", "", model.nova().flavors().get(0).id(), model.nova().images().get(0).id(), "cn01", "", "", "");
        String first = backUp(KollaAction.MARIADB_BACKUP_INCREMENTAL, "incremental-1");
        model.nova().bootServer("vm-after-first", "", model.nova().flavors().get(0).id(), model.nova().images().get(0).id(), "cn01", "", "", "");
        String second = backUp(KollaAction.MARIADB_BACKUP_INCREMENTAL, "incremental-2");
        Map<String, Long> atSecond = model.backup().tableRowsAt("volume:mariadb_backup/" + second).orElseThrow();
        backUp(KollaAction.MARIADB_BACKUP_FULL, "full-2");
        String onOtherFull = backUp(KollaAction.MARIADB_BACKUP_INCREMENTAL, "incremental-3");
        stopControllers();

        // when chains that are broken are restored: an incremental alone, out of order, one missed, one built on another full
        KollaRun alone = finished(kolla.startMariaDbRestore(site, List.of(first), "restore-alone"), LabOperation.KOLLA_MARIADB_RECOVERY);
        KollaRun outOfOrder = finished(kolla.startMariaDbRestore(site, List.of(full, second, first), "restore-unordered"), LabOperation.KOLLA_MARIADB_RECOVERY);
        KollaRun gap = finished(kolla.startMariaDbRestore(site, List.of(full, second), "restore-gap"), LabOperation.KOLLA_MARIADB_RECOVERY);
        KollaRun otherBase = finished(kolla.startMariaDbRestore(site, List.of(full, onOtherFull), "restore-other"), LabOperation.KOLLA_MARIADB_RECOVERY);

        // then mariabackup refuses each and nothing is copied back
        assertThat(alone.outcome()).isEqualTo(KollaOutcome.HOSTS_FAILED);
        assertThat(alone.logTail()).contains("is an incremental backup");
        assertThat(List.of(outOfOrder, gap, otherBase)).allSatisfy(run -> {
            assertThat(run.outcome()).isEqualTo(KollaOutcome.HOSTS_FAILED);
            assertThat(run.logTail()).contains("This incremental backup seems not to be proper for the target");
        });
        assertThat(model.backup().restoredMariaBackups()).isEmpty();

        // and the chain in order is prepared, each incremental applied on it, and copied back: the rows are the last one's
        KollaRunHandle chain = kolla.startMariaDbRestore(site, List.of(full, first, second), "restore-chain");
        KollaRun restored = finished(chain, LabOperation.KOLLA_MARIADB_RECOVERY);
        assertThat(chain.command()).contains("--incremental-dir /backup/restore/inc")
                .endsWith("dayshift-restore '\\''" + full + "'\\'' '\\''" + first + "'\\'' '\\''" + second + "'\\'''");
        assertThat(restored.outcome()).as(restored.logTail()).isEqualTo(KollaOutcome.SUCCEEDED);
        assertThat(model.backup().restoredMariaBackups()).containsExactly(full, first, second);
        assertThat(model.backup().keyTableRows()).isEqualTo(atSecond);
    }

    /** A MariaDB backup taken now on cc01: its file name in the mariadb_backup volume. */
    private String backUp(KollaAction action, String runId) {
        assertThat(finished(kolla.start(site, action, List.of(), runId), LabOperation.KOLLA_MARIADB_BACKUP).succeeded()).isTrue();
        String location = model.backup().backups().get(model.backup().backups().size() - 1).location();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void aRunningMariadbIsNeverOverwritten() {
        assertThatThrownBy(() -> kolla.startMariaDbRestore(site, List.of(NIGHTLY), "restore-live"))
                .isInstanceOf(KollaException.class)
                .hasMessageContaining("refusing to restore MariaDB on cc01 while its mariadb container runs (Up 3 days (healthy)); stop it first");
        assertThat(model.destructiveActions()).doesNotContainKey("mariadb-restore");
    }

    @Test
    void aMissingBackupAndAnInjectedFailureEndTheRunBadlyWithTheirEvidence() {
        stopControllers();

        KollaRun missing = finished(kolla.startMariaDbRestore(site, List.of("mysqlbackup-lost.qp.xbc.xbs.gz"), "restore-lost"), LabOperation.KOLLA_MARIADB_RECOVERY);
        model.injectFault(LabFault.of(FaultType.RESTORE_FAILS, "cc01"));
        KollaRun failed = finished(kolla.startMariaDbRestore(site, List.of(NIGHTLY), "restore-cc01"), LabOperation.KOLLA_MARIADB_RECOVERY);

        assertThat(missing.outcome()).isEqualTo(KollaOutcome.HOSTS_FAILED);
        assertThat(missing.logTail()).contains("cc01 | FAILED | rc=2 >>").contains("no backup /backup/mysqlbackup-lost.qp.xbc.xbs.gz in the mariadb_backup volume");
        assertThat(failed.outcome()).isEqualTo(KollaOutcome.HOSTS_FAILED);
        assertThat(failed.logTail()).contains("failed to copy back");
    }

    @Test
    void anIncompleteRestoreShowsInTheRowCounts() {
        Map<String, Long> atBackup = model.backup().tableRowsAt("volume:mariadb_backup/" + NIGHTLY).orElseThrow();
        stopControllers();
        model.injectFault(LabFault.of(FaultType.RESTORE_INCOMPLETE, "glance.images"));

        assertThat(finished(kolla.startMariaDbRestore(site, List.of(NIGHTLY), "restore-incomplete"), LabOperation.KOLLA_MARIADB_RECOVERY).succeeded()).isTrue();

        assertThat(model.backup().keyTableRows()).containsEntry("glance.images", atBackup.get("glance.images") - 1)
                .containsEntry("nova.instances", atBackup.get("nova.instances"));
    }

    @Test
    void theConfigurationIsPutBackFromItsArchiveAndTheCurrentOneKept() {
        String globals = model.kolla().file("/etc/kolla/globals.yml").orElseThrow().content();
        model.backup().archive("/var/backups/dayshift/lab-1/kolla-config.tar.gz", List.of("/etc/kolla"));
        model.kolla().writeFile("/etc/kolla/globals.yml", globals + "enable_octavia: \"yes\"\n");

        var change = kolla.restoreConfiguration(site, "/var/backups/dayshift/lab-1/kolla-config.tar.gz");

        assertThat(model.kolla().file("/etc/kolla/globals.yml").orElseThrow().content()).isEqualTo(globals);
        assertThat(change.backup()).startsWith("/etc/kolla.dayshift-").endsWith(".tar.gz");
        assertThat(model.kolla().file(change.backup())).isPresent();
        assertThat(model.destructiveActions()).containsEntry("tar-extract", 1L);
        assertThatThrownBy(() -> kolla.restoreConfiguration(site, "/var/backups/dayshift/lab-1/missing.tar.gz"))
                .isInstanceOf(KollaException.class).hasMessageContaining("Cannot open: No such file or directory");
    }

    @Test
    void anArchiveOfAnotherDirectoryIsNeverUnpackedOverTheConfiguration() {
        model.kolla().writeFile("/var/tmp/x", "x");
        model.backup().archive("/var/backups/dayshift/lab-1/other.tar.gz", List.of("/var/tmp"));

        assertThatThrownBy(() -> kolla.restoreConfiguration(site, "/var/backups/dayshift/lab-1/other.tar.gz"))
                .isInstanceOf(KollaException.class).hasMessageContaining("holds members outside etc/kolla/: var/tmp");
        assertThat(model.destructiveActions()).doesNotContainKey("tar-extract");
    }
}
