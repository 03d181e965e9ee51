package io.dayshift.adapter.kolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.adapter.ssh.SshTestSupport;
import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaException;
import io.dayshift.kolla.KollaOutcome;
import io.dayshift.kolla.KollaRun;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.kolla.KollaRunState;
import io.dayshift.kolla.KollaRunStatus;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabOperation;
import io.dayshift.lab.model.LabSite;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.testing.LabFixture;
import io.dayshift.testing.MutableClock;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB restore of the production Kolla adapter over real SSH against the lab's kolla site: Kolla's manual
 * mariabackup restore in a one-shot container (through Ansible, detached on the deployer), {@code mariadb_recovery} from the
 * restored node, and the row counts read in the mariadb container.
 */
class KollaDatabaseRestoreOnLabTest {

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
        kolla = new KollaAnsibleDeployer(SshTestSupport.shell(secrets), KollaProperties.defaults(), secrets, Clock.systemUTC());
        site = lab.site();
        model = lab.model();
    }

    @AfterEach
    void stop() throws Exception {
        lab.close();
    }

    private KollaRun finished(KollaRunHandle handle, LabOperation operation) {
        clock.advance(model.duration(operation));
        KollaRunState state = kolla.check(site, handle);
        assertThat(state.status()).as(state.detail()).isEqualTo(KollaRunStatus.FINISHED);
        return state.result().orElseThrow();
    }

    private void stopControllers() {
        assertThat(finished(kolla.start(site, KollaAction.STOP, List.of("control"), "stop-control"), LabOperation.KOLLA_STOP).succeeded()).isTrue();
    }

    @Test
    void restoresTheNightlyBackupRecoversGaleraFromThatNodeAndCountsTheRestoredRows() {
        // given the backup's rows, then a day of changes, and the controllers stopped
        Map<String, Long> atBackup = model.tableRowsAt("volume:mariadb_backup/" + NIGHTLY).orElseThrow();
        model.bootServer("late-vm", "", model.flavors().get(0).id(), model.images().get(0).id(), "cn01", "", "", "");
        assertThat(model.keyTableRows().get("nova.instances")).isEqualTo(atBackup.get("nova.instances") + 1);
        stopControllers();

        // when the backup is restored on cc01 and the cluster recovered from it
        KollaRunHandle restore = kolla.startMariaDbRestore(site, NIGHTLY, "4711-Task_RestoreDatabases");
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
        assertThat(model.keyTableRows()).isEqualTo(atBackup);
        assertThat(model.destructiveActions()).containsEntry("mariadb-restore", 1L).containsEntry("kolla-mariadb-recovery", 1L);

        // and starting the same restore again launches nothing
        assertThat(kolla.startMariaDbRestore(site, NIGHTLY, "4711-Task_RestoreDatabases")).isEqualTo(restore);
        assertThat(model.destructiveActions()).containsEntry("mariadb-restore", 1L);
    }

    @Test
    void aRunningMariadbIsNeverOverwritten() {
        assertThatThrownBy(() -> kolla.startMariaDbRestore(site, NIGHTLY, "restore-live"))
                .isInstanceOf(KollaException.class)
                .hasMessageContaining("refusing to restore MariaDB on cc01 while its mariadb container runs (Up 3 days (healthy)); stop it first");
        assertThat(model.destructiveActions()).doesNotContainKey("mariadb-restore");
    }

    @Test
    void aMissingBackupAndAnInjectedFailureEndTheRunBadlyWithTheirEvidence() {
        stopControllers();

        KollaRun missing = finished(kolla.startMariaDbRestore(site, "mysqlbackup-lost.qp.xbc.xbs.gz", "restore-lost"), LabOperation.KOLLA_MARIADB_RECOVERY);
        model.injectFault(LabFault.of(FaultType.RESTORE_FAILS, "cc01"));
        KollaRun failed = finished(kolla.startMariaDbRestore(site, NIGHTLY, "restore-cc01"), LabOperation.KOLLA_MARIADB_RECOVERY);

        assertThat(missing.outcome()).isEqualTo(KollaOutcome.HOSTS_FAILED);
        assertThat(missing.logTail()).contains("cc01 | FAILED | rc=2 >>").contains("no backup /backup/mysqlbackup-lost.qp.xbc.xbs.gz in the mariadb_backup volume");
        assertThat(failed.outcome()).isEqualTo(KollaOutcome.HOSTS_FAILED);
        assertThat(failed.logTail()).contains("failed to copy back");
    }

    @Test
    void anIncompleteRestoreShowsInTheRowCounts() {
        Map<String, Long> atBackup = model.tableRowsAt("volume:mariadb_backup/" + NIGHTLY).orElseThrow();
        stopControllers();
        model.injectFault(LabFault.of(FaultType.RESTORE_INCOMPLETE, "glance.images"));

        assertThat(finished(kolla.startMariaDbRestore(site, NIGHTLY, "restore-incomplete"), LabOperation.KOLLA_MARIADB_RECOVERY).succeeded()).isTrue();

        assertThat(model.keyTableRows()).containsEntry("glance.images", atBackup.get("glance.images") - 1)
                .containsEntry("nova.instances", atBackup.get("nova.instances"));
    }

    @Test
    void theConfigurationIsPutBackFromItsArchiveAndTheCurrentOneKept() {
        String globals = model.file("/etc/kolla/globals.yml").orElseThrow().content();
        model.archive("/var/backups/dayshift/lab-1/kolla-config.tar.gz", List.of("/etc/kolla"));
        model.writeFile("/etc/kolla/globals.yml", globals + "enable_octavia: \"yes\"\n");

        var change = kolla.restoreConfiguration(site, "/var/backups/dayshift/lab-1/kolla-config.tar.gz");

        assertThat(model.file("/etc/kolla/globals.yml").orElseThrow().content()).isEqualTo(globals);
        assertThat(change.backup()).startsWith("/etc/kolla.dayshift-").endsWith(".tar.gz");
        assertThat(model.file(change.backup())).isPresent();
        assertThat(model.destructiveActions()).containsEntry("tar-extract", 1L);
        assertThatThrownBy(() -> kolla.restoreConfiguration(site, "/var/backups/dayshift/lab-1/missing.tar.gz"))
                .isInstanceOf(KollaException.class).hasMessageContaining("Cannot open: No such file or directory");
    }

    @Test
    void anArchiveOfAnotherDirectoryIsNeverUnpackedOverTheConfiguration() {
        model.writeFile("/var/tmp/x", "x");
        model.archive("/var/backups/dayshift/lab-1/other.tar.gz", List.of("/var/tmp"));

        assertThatThrownBy(() -> kolla.restoreConfiguration(site, "/var/backups/dayshift/lab-1/other.tar.gz"))
                .isInstanceOf(KollaException.class).hasMessageContaining("holds members outside etc/kolla/: var/tmp");
        assertThat(model.destructiveActions()).doesNotContainKey("tar-extract");
    }
}
