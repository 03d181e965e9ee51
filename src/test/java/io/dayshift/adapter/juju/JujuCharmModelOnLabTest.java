package io.dayshift.adapter.juju;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.adapter.ssh.SshTestSupport;
import io.dayshift.charm.ActionFailedException;
import io.dayshift.charm.ActionResult;
import io.dayshift.charm.CharmModelException;
import io.dayshift.charm.ControllerBackup;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.NewUnit;
import io.dayshift.charm.Readiness;
import io.dayshift.charm.ServiceRestart;
import io.dayshift.charm.UnitCheck;
import io.dayshift.charm.UnitRestart;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.machine.MachineStatus;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.testing.LabFixture;
import io.dayshift.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The production Juju adapter over real SSH against the built-in lab's charmed site. */
class JujuCharmModelOnLabTest {

    private final MutableClock clock = MutableClock.at("2025-05-06T07:00:00Z");
    private LabFixture lab;
    private JujuCharmModel juju;
    private Site site;
    private LabSite model;

    private void start(String topology) {
        lab = LabFixture.start("lab-charmed", topology, clock);
        Secrets secrets = new Secrets(name -> null);
        juju = new JujuCharmModel(SshTestSupport.shell(secrets), JujuProperties.defaults(), secrets, new ObjectMapper(), Clock.systemUTC(), call -> { });
        site = lab.site();
        model = lab.model();
    }

    @AfterEach
    void stop() throws Exception {
        lab.close();
    }

    @Test
    void theStatusOfTheLabModelParses() {
        start("lab/small-charmed.yaml");

        ModelStatus status = juju.status(site);

        assertThat(site.simulated()).isTrue();
        assertThat(status.jujuVersion()).isEqualTo("3.4.2");
        assertThat(status.application("nova-compute").orElseThrow().units()).hasSize(6);
        assertThat(status.application("nova-compute").orElseThrow().upgradeAvailable()).contains("ch:amd64/jammy/nova-compute-712");
        assertThat(status.unit("ovn-chassis/0")).isPresent();
        assertThat(status.machine("7").orElseThrow().hostname()).isEqualTo("cn01");
        assertThat(status.machine("7").orElseThrow().availabilityZone()).isEqualTo("az1");
        assertThat(status.machine("0/lxd/3")).isPresent();
        assertThat(juju.checkUnit(site, "nova-compute/0").readiness()).isEqualTo(Readiness.READY);
    }

    @Test
    void aUnitAddedOnATaggedMaasMachineBecomesReadyOverSimulatedTime() {
        start("lab/small-charmed.yaml");

        NewUnit unit = juju.addUnit(site, "nova-compute", "openstack-compute");

        assertThat(unit).isEqualTo(new NewUnit("nova-compute/6", "13"));
        UnitCheck waiting = juju.checkUnit(site, unit.unit());
        assertThat(waiting.readiness()).isEqualTo(Readiness.WAITING);
        assertThat(waiting.pending()).anyMatch(p -> p.startsWith("machine 13"));
        String systemId = model.juju().jujuMachines().stream().filter(m -> m.id().equals("13")).findFirst().orElseThrow().instanceId();
        assertThat(model.maas().machine(systemId).orElseThrow().status()).isEqualTo(MachineStatus.DEPLOYING);

        clock.advance(Duration.ofSeconds(15)); // the MAAS deployment
        assertThat(juju.checkUnit(site, unit.unit()).summary()).contains("nova-compute/6").contains("maintenance");
        clock.advance(Duration.ofSeconds(10)); // the unit installing

        UnitCheck ready = juju.checkUnit(site, unit.unit());
        assertThat(ready.readiness()).isEqualTo(Readiness.READY);
        assertThat(ready.summary()).contains("ovn-chassis/6");
        assertThat(model.maas().machine(systemId).orElseThrow().status()).isEqualTo(MachineStatus.DEPLOYED);
        assertThat(model.nova().hypervisor(model.maas().machine(systemId).orElseThrow().hostname())).isPresent();
        assertThat(model.destructiveActions()).containsEntry("juju-add-machine", 1L).containsEntry("juju-add-unit", 1L);
    }

    @Test
    void withoutAFreeTaggedMachineTheUnitFailsNamingItsMachine() {
        start("lab/small-charmed.yaml");
        model.injectFault(LabFault.of(FaultType.ALLOCATION_FAILS, "openstack-compute"));

        NewUnit unit = juju.addUnit(site, "nova-compute", "openstack-compute");

        UnitCheck check = juju.checkUnit(site, unit.unit());
        assertThat(check.readiness()).isEqualTo(Readiness.FAILED);
        assertThat(check.summary()).contains(unit.unit()).contains("No available machine matches constraints");
    }

    @Test
    void anInjectedUnitErrorIsAFailureNamingTheUnit() {
        start("lab/small-charmed.yaml");
        model.injectFault(new LabFault("", FaultType.UNIT_ERROR, "nova-compute/2", "hook failed: \"upgrade-charm\"", 0));

        UnitCheck check = juju.checkUnit(site, "nova-compute/2");

        assertThat(check.readiness()).isEqualTo(Readiness.FAILED);
        assertThat(check.summary()).contains("nova-compute/2").contains("upgrade-charm");
        assertThat(juju.checkUnit(site, "nova-compute/1").readiness()).isEqualTo(Readiness.READY);
    }

    @Test
    void refreshPauseUpgradeAndConfigChangeTheModelOnce() {
        start("lab/small-charmed.yaml");

        assertThat(juju.refresh(site, "nova-compute", "2024.1/stable")).isTrue();
        juju.setConfig(site, "nova-compute", "action-managed-upgrade", "true");
        juju.pause(site, "nova-compute/0");
        ActionResult upgraded = juju.runAction(site, "nova-compute/0", "openstack-upgrade", Map.of());

        assertThat(upgraded.status()).isEqualTo("completed");
        assertThat(model.juju().application("nova-compute").orElseThrow().channel()).isEqualTo("2024.1/stable");
        assertThat(model.juju().config("nova-compute")).containsEntry("action-managed-upgrade", "true");
        assertThat(model.juju().unit("nova-compute/0").orElseThrow().workload().current()).isIn("maintenance");
        assertThat(model.destructiveActions()).containsEntry("juju-refresh", 1L).containsEntry("juju-config", 1L)
                .containsEntry("juju-action-pause", 1L).containsEntry("juju-action-openstack-upgrade", 1L);
    }

    @Test
    void anUpgradeFaultOnAHostFailsTheActionOfItsUnit() {
        start("lab/small-charmed.yaml");
        model.injectFault(LabFault.of(FaultType.UPGRADE_FAILS, "cn03"));

        assertThatThrownBy(() -> juju.runAction(site, "nova-compute/2", "openstack-upgrade", Map.of()))
                .isInstanceOfSatisfying(ActionFailedException.class, e -> assertThat(e.unit()).isEqualTo("nova-compute/2"))
                .hasMessageContaining("cn03");
        assertThat(juju.runAction(site, "nova-compute/1", "openstack-upgrade", Map.of()).status()).isEqualTo("completed");
    }

    @Test
    void juju29ActionsAndBackupsOverTheLab() {
        start("lab/charmed-juju29.yaml");

        ActionResult count = juju.runAction(site, "nova-compute/0", "instance-count", Map.of());
        assertThat(count.results()).containsEntry("instance-count", "11");
        assertThat(juju.refresh(site, "keystone", "2023.2/stable")).isTrue(); // same channel, newer revision: upgrade-charm
        assertThat(model.juju().application("keystone").orElseThrow().revision()).isEqualTo(712);

        ControllerBackup backup = juju.createControllerBackup(site);
        assertThat(backup.sizeBytes()).isPositive();
        assertThat(model.backup().backups()).anyMatch(b -> b.kind().equals("juju-controller") && b.location().equals(backup.file()));

        model.injectFault(LabFault.of(FaultType.BACKUP_FAILS, ""));
        assertThatThrownBy(() -> juju.runAction(site, "mysql-innodb-cluster/0", "mysqldump", Map.of()))
                .isInstanceOf(ActionFailedException.class).hasMessageContaining("mysqldump failed");
    }

    @Test
    void aUnitsServicesAreRestartedTheWayItsCharmProvides() {
        start("lab/small-charmed.yaml");

        // restart-services where the charm has it, with the services it declares
        UnitRestart rabbit = juju.restartUnitServices(site, "rabbitmq-server/0");
        assertThat(rabbit.commands()).isEqualTo("juju run rabbitmq-server/0 restart-services deferred-only=false services=rabbitmq-server");
        assertThat(model.destructiveActions()).containsEntry("juju-action-restart-services", 1L);

        // pause then resume where it has those
        UnitRestart ncc = juju.restartUnitServices(site, "nova-cloud-controller/0");
        assertThat(ncc.how().way()).isEqualTo(ServiceRestart.Way.PAUSE_RESUME);
        assertThat(model.destructiveActions()).containsEntry("juju-action-pause", 1L).containsEntry("juju-action-resume", 1L);
        assertThat(juju.status(site).unit("nova-cloud-controller/0").orElseThrow().workload().is("active")).isTrue();

        // a unit left paused by an earlier try is only resumed
        juju.pause(site, "keystone/0");
        assertThat(juju.restartUnitServices(site, "keystone/0").commands()).isEqualTo("juju run keystone/0 resume");
        assertThat(model.destructiveActions()).containsEntry("juju-action-pause", 2L).containsEntry("juju-action-resume", 2L);

        // the declared systemd services through juju exec where the charm has no such action
        UnitRestart mysql = juju.restartUnitServices(site, "mysql-innodb-cluster/0");
        assertThat(mysql.commands()).isEqualTo("juju exec --unit mysql-innodb-cluster/0 'systemctl restart mysql'");
        assertThat(model.destructiveActions()).containsEntry("restart-unit-service", 1L);

        // nothing for a charm Dayshift does not restart, nor for a unit whose agent is lost
        assertThatThrownBy(() -> juju.restartUnitServices(site, "vault/0")).isInstanceOf(CharmModelException.class)
                .hasMessageContaining("does not know how charm vault restarts its services");
        model.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn01"));
        String lost = juju.status(site).application("nova-compute").orElseThrow().units().values().stream()
                .filter(u -> u.agent().is("lost")).findFirst().orElseThrow().name();
        assertThatThrownBy(() -> juju.restartUnitServices(site, lost)).isInstanceOf(CharmModelException.class).hasMessageContaining("agent is lost");
        assertThatThrownBy(() -> juju.restartUnitServices(site, "keystone/0; reboot")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onJuju29TheDeclaredServicesAreRestartedWithJujuRun() throws Exception {
        start("lab/charmed-juju29.yaml");

        UnitRestart mysql = juju.restartUnitServices(site, "mysql-innodb-cluster/0");

        assertThat(mysql.commands()).isEqualTo("juju run --unit mysql-innodb-cluster/0 'systemctl restart mysql'");
        assertThat(model.destructiveActions()).containsEntry("restart-unit-service", 1L);
    }
}
