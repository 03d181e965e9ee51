package io.dayshift.adapter.kolla;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.adapter.ssh.SshTestSupport;
import io.dayshift.kolla.FileChange;
import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaOutcome;
import io.dayshift.kolla.KollaRun;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.testing.LabFixture;
import io.dayshift.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The production Kolla adapter over real SSH against the built-in lab's kolla site. */
class KollaDeployerOnLabTest {

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

    @Test
    void deployLimitedToAHostSucceedsWithItsRecap() {
        KollaRun run = kolla.run(site, KollaAction.DEPLOY, List.of("cn03"));

        assertThat(run.outcome()).isEqualTo(KollaOutcome.SUCCEEDED);
        assertThat(run.command()).isEqualTo("kolla-ansible -i '/etc/kolla/multinode' deploy --limit 'cn03'");
        assertThat(run.recap()).containsOnlyKeys("cn03");
        assertThat(run.logTail()).contains("PLAY RECAP");
        assertThat(model.destructiveActions()).containsEntry("kolla-deploy", 1L);
    }

    @Test
    void anInjectedDeployFaultFailsThatHostOnly() {
        model.injectFault(LabFault.of(FaultType.DEPLOY_FAILS, "cn05"));

        KollaRun run = kolla.run(site, KollaAction.DEPLOY, List.of("cn04", "cn05"));

        assertThat(run.outcome()).isEqualTo(KollaOutcome.HOSTS_FAILED);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.troubledHosts()).containsExactly("cn05");
        assertThat(run.logTail()).contains("fatal: [cn05]: FAILED!");
    }

    @Test
    void aHostNotYetDeployedInMaasIsUnreachable() {
        kolla.addHost(site, "compute", "spare01");

        KollaRun run = kolla.run(site, KollaAction.BOOTSTRAP_SERVERS, List.of("spare01"));

        assertThat(run.outcome()).isEqualTo(KollaOutcome.HOSTS_UNREACHABLE);
        assertThat(run.troubledHosts()).containsExactly("spare01");
    }

    @Test
    void addingAComputeEditsTheModelsInventoryAndItsDeployRegistersTheHypervisor() {
        String spare = model.machineByHostname("spare01").orElseThrow().systemId();
        model.deploy(spare, "jammy", "admin");
        clock.advance(Duration.ofSeconds(15));

        FileChange added = kolla.addHost(site, "compute", "spare01");
        KollaRun deploy = kolla.run(site, KollaAction.DEPLOY, List.of("spare01"));

        assertThat(added.changed()).isTrue();
        assertThat(model.file("/etc/kolla/multinode").orElseThrow().content()).contains("cn06\nspare01\n");
        assertThat(model.file(added.backup())).isPresent();
        assertThat(kolla.inventoryHasHost(site, "compute", "spare01")).isTrue();
        assertThat(deploy.succeeded()).isTrue();
        assertThat(model.hypervisor("spare01")).isPresent();
        assertThat(kolla.addHost(site, "compute", "spare01").changed()).isFalse();

        FileChange removed = kolla.removeHost(site, "compute", "spare01");
        assertThat(removed.changed()).isTrue();
        assertThat(kolla.inventoryHasHost(site, "compute", "spare01")).isFalse();
    }

    @Test
    void theReleaseInGlobalsIsReadAndSetOnTheModelsFile() {
        assertThat(kolla.openstackRelease(site)).contains("2023.2");

        FileChange change = kolla.setOpenstackRelease(site, "2024.1");

        assertThat(change.changed()).isTrue();
        assertThat(model.globalsRelease()).contains("2024.1");
        assertThat(kolla.openstackRelease(site)).contains("2024.1");
        KollaRun upgrade = kolla.run(site, KollaAction.UPGRADE, List.of());
        assertThat(upgrade.succeeded()).isTrue();
        assertThat(model.hostReleases()).containsEntry("cn01", "2024.1");
    }

    @Test
    void aFailedBackupAndAFailedPrecheckAreResultsNotExceptions() {
        model.injectFault(new LabFault("", FaultType.BACKUP_FAILS, "", "", 1));
        model.injectFault(LabFault.of(FaultType.PRECHECK_FAILS, "cn02"));

        assertThat(kolla.run(site, KollaAction.MARIADB_BACKUP_FULL, List.of()).outcome()).isEqualTo(KollaOutcome.HOSTS_FAILED);
        KollaRun prechecks = kolla.run(site, KollaAction.PRECHECKS, List.of("compute"));
        assertThat(prechecks.troubledHosts()).containsExactly("cn02");
        assertThat(model.backups()).hasSize(1); // only the nightly one of the topology
        assertThat(kolla.run(site, KollaAction.MARIADB_BACKUP_FULL, List.of()).succeeded()).isTrue();
        assertThat(model.backups()).hasSize(2);
    }
}
