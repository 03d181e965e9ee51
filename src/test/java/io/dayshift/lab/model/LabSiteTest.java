package io.dayshift.lab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.lab.topology.TopologyLoader;
import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.ScriptStatus;
import io.dayshift.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model on its own, on a clock that moves only when the test says so. */
class LabSiteTest {

    private final TopologyLoader loader = new TopologyLoader();
    private MutableClock clock;
    private LabSite site;

    @BeforeEach
    void load() {
        clock = MutableClock.at("2025-05-06T07:00:00Z");
        site = loader.load("lab", loader.readResource("lab/small-kolla.yaml"), clock, LabTimings.scaled(1.0));
    }

    private MaasMachine byName(String hostname) {
        return site.maas().machineByHostname(hostname).orElseThrow();
    }

    @Test
    void commissioningTakesItsSimulatedTimeThenTheMachineIsReady() {
        String id = byName("new01").systemId();

        assertThat(site.maas().commission(id).status()).isEqualTo(MachineStatus.COMMISSIONING);
        clock.advance(Duration.ofSeconds(19));
        assertThat(site.maas().machine(id).orElseThrow().status()).isEqualTo(MachineStatus.COMMISSIONING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(site.maas().machine(id).orElseThrow().status()).isEqualTo(MachineStatus.TESTING);
        clock.advance(Duration.ofSeconds(10));

        MaasMachine done = site.maas().machine(id).orElseThrow();
        assertThat(done.status()).isEqualTo(MachineStatus.READY);
        assertThat(done.scriptResults()).allMatch(r -> r.status() == ScriptStatus.PASSED);
        assertThat(site.destructiveActions()).containsEntry("maas-commission", 1L);
    }

    @Test
    void everyChangeIsCountedOnItsTarget() {
        site.nova().disableComputeService("cn03", "PSU swap");
        site.nova().enableComputeService("cn03");
        site.nova().disableComputeService("cn03", "PSU swap again");
        site.nova().disableComputeService("cn04", "BIOS");
        site.ceph().setCephFlag("noout", true);

        assertThat(site.destructiveActionsByTarget()).containsEntry("disable-compute-service", Map.of("cn03", 2L, "cn04", 1L))
                .containsEntry("enable-compute-service", Map.of("cn03", 1L))
                .containsEntry("ceph-set-noout", Map.of(LabSite.WHOLE_SITE, 1L));
        assertThat(site.destructiveActions()).containsEntry("disable-compute-service", 3L);
    }

    @Test
    void aCommissioningFaultEndsInFailedCommissioningWithAFailedScript() {
        String id = byName("new02").systemId();
        site.injectFault(LabFault.of(FaultType.COMMISSIONING_FAILS, "new02"));

        site.maas().commission(id);
        clock.advance(Duration.ofMinutes(1));

        MaasMachine failed = site.maas().machine(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(MachineStatus.FAILED_COMMISSIONING);
        assertThat(failed.scriptResults()).filteredOn(r -> r.status() == ScriptStatus.FAILED).singleElement()
                .satisfies(r -> assertThat(r.output()).contains("new02"));
    }

    @Test
    void aDeployedMachineCannotBeCommissioned() {
        assertThatThrownBy(() -> site.maas().commission(byName("cn01").systemId()))
                .isInstanceOfSatisfying(LabException.class, e -> assertThat(e.kind()).isEqualTo(LabException.Kind.BAD_REQUEST))
                .hasMessageContaining("Commission is not available");
        assertThat(site.destructiveActions()).doesNotContainKey("maas-commission");
    }

    @Test
    void aLiveMigrationIsInProgressUntilItsTimeThenTheInstanceIsOnTheTarget() {
        Instance web = site.nova().instances().stream().filter(i -> i.name().equals("app-03")).findFirst().orElseThrow();
        assertThat(web.host()).isEqualTo("cn01");

        Migration m = site.nova().startLiveMigration(web.id(), "cn03");
        assertThat(site.nova().instance(web.id()).orElseThrow().status()).isEqualTo(InstanceStatus.MIGRATING);
        assertThat(site.nova().usage("cn03").instances()).isEqualTo(site.nova().instancesOn("cn03").size() + 1); // both hosts hold it meanwhile
        clock.advance(Duration.ofSeconds(5));

        Instance moved = site.nova().instance(web.id()).orElseThrow();
        assertThat(moved.host()).isEqualTo("cn03");
        assertThat(moved.status()).isEqualTo(InstanceStatus.ACTIVE);
        assertThat(site.nova().migrations()).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo(m.id());
            assertThat(x.status()).isEqualTo("completed");
        });
        assertThat(site.destructiveActions()).containsEntry("live-migration", 1L);
    }

    @Test
    void aMigrationFaultLeavesTheInstanceWhereItWas() {
        Instance app = site.nova().instances().stream().filter(i -> i.name().equals("app-03")).findFirst().orElseThrow();
        site.injectFault(new LabFault("", FaultType.LIVE_MIGRATION_FAILS, "app-03", "", 1));

        site.nova().startLiveMigration(app.id(), null);
        clock.advance(Duration.ofSeconds(5));

        assertThat(site.nova().instance(app.id()).orElseThrow().host()).isEqualTo("cn01");
        assertThat(site.nova().migrations()).singleElement().extracting(Migration::status).isEqualTo("error");
        assertThat(site.faults()).isEmpty(); // it fired its one time
    }

    @Test
    void theSchedulerKeepsAntiAffinityAndTheZone() {
        Instance db = site.nova().instances().stream().filter(i -> i.name().equals("db-01")).findFirst().orElseThrow();
        assertThat(db.host()).isEqualTo("cn01");

        assertThatThrownBy(() -> site.nova().startLiveMigration(db.id(), "cn02")).hasMessageContaining("anti-affinity");
        assertThatThrownBy(() -> site.nova().startLiveMigration(db.id(), "cn05")).hasMessageContaining("availability zone");
        Migration m = site.nova().startLiveMigration(db.id(), null);
        assertThat(m.destHost()).isEqualTo("cn03");
    }

    @Test
    void stoppedAndErroredInstancesCannotBeLiveMigrated() {
        Instance error = site.nova().instances().stream().filter(i -> i.status() == InstanceStatus.ERROR).findFirst().orElseThrow();
        assertThatThrownBy(() -> site.nova().startLiveMigration(error.id(), null)).hasMessageContaining("vm_state error");
        assertThat(site.destructiveActions()).isEmpty();
    }

    @Test
    void aDownHypervisorHasItsServiceDownAndItsAgentsDeadUntilTheFaultIsRemoved() {
        LabFault fault = site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn02"));

        assertThat(site.nova().hypervisor("cn02").orElseThrow().up()).isFalse();
        assertThat(site.neutron().networkAgents()).filteredOn(a -> a.host().equals("cn02")).isNotEmpty().noneMatch(NetworkAgent::alive);
        assertThat(site.ceph().status()).isPresent(); // storage nodes are unaffected
        assertThat(site.removeFault(fault.id())).isTrue();
        assertThat(site.nova().hypervisor("cn02").orElseThrow().up()).isTrue();
    }

    @Test
    void disablingAComputeServiceIsCountedEachTime() {
        site.nova().disableComputeService("cn04", "drain for maintenance");
        site.nova().disableComputeService("cn04", "drain for maintenance");

        Hypervisor h = site.nova().hypervisor("cn04").orElseThrow();
        assertThat(h.enabled()).isFalse();
        assertThat(h.disabledReason()).isEqualTo("drain for maintenance");
        assertThat(site.destructiveActions()).containsEntry("disable-compute-service", 2L);
    }

    @Test
    void timeFactorZeroMakesEveryOperationInstant() {
        LabSite instant = loader.load("lab", loader.readResource("lab/small-kolla.yaml"), clock, LabTimings.instant());
        String id = instant.maas().machineByHostname("new01").orElseThrow().systemId();

        instant.maas().commission(id);

        assertThat(instant.maas().machine(id).orElseThrow().status()).isEqualTo(MachineStatus.READY);
    }

    @Test
    void aKollaRunDecidesItsOutcomeAtStartAndAppliesItsEffectsWhenItEnds() {
        site.injectFault(LabFault.of(FaultType.DEPLOY_FAILS, "cn02"));

        PlaybookRun run = site.kolla().startPlaybook("deploy", List.of("compute"), false);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.failedHosts()).containsExactly("cn02");
        assertThat(run.hosts()).containsExactly("cn01", "cn02", "cn03", "cn04", "cn05", "cn06");
        assertThat(run.output()).contains("PLAY RECAP").contains("fatal: [cn02]: FAILED!");
        assertThat(site.kolla().playbookRun(run.id()).orElseThrow().finished()).isFalse();
        clock.advance(Duration.ofSeconds(15));
        assertThat(site.kolla().playbookRun(run.id()).orElseThrow().finished()).isTrue();
    }

    @Test
    void backupsAndRestoresFailUnderTheirFaults() {
        site.injectFault(new LabFault("", FaultType.BACKUP_FAILS, "", "disk full", 1));

        assertThatThrownBy(() -> site.backup().dumpDatabases("cc01")).hasMessage("disk full");
        assertThat(site.backup().dumpDatabases("cc01")).contains("-- Dump completed");
        site.injectFault(LabFault.of(FaultType.RESTORE_FAILS, ""));
        assertThatThrownBy(() -> site.backup().restoreDatabases("cc01", "-- MariaDB dump")).hasMessageContaining("Lost connection");
        assertThat(site.destructiveActions()).containsEntry("mysqldump", 2L).containsEntry("mysql-restore", 1L);
    }

    @Test
    void aFaultWithoutTheTargetItNeedsIsRefused() {
        assertThatThrownBy(() -> LabFault.of(FaultType.HYPERVISOR_DOWN, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
