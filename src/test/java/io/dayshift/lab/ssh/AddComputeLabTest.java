package io.dayshift.lab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.lab.model.JujuMachine;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.LabTimings;
import io.dayshift.lab.model.MaasMachine;
import io.dayshift.lab.topology.TopologyLoader;
import io.dayshift.machine.MachineStatus;
import io.dayshift.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What add-compute-node needs of the lab, at the command line: Juju placing a machine on one named MAAS machine and
 * removing it again, and nova-manage's discover_hosts in the first conductor, reached with an Ansible ad-hoc command.
 */
class AddComputeLabTest {

    private static final String DISCOVER = "ansible 'nova-conductor[0]' -i '/etc/kolla/multinode' --become -m command -a "
            + "'docker exec nova_conductor nova-manage cell_v2 discover_hosts --by-service --verbose'";

    private final LabShell shell = LabShell.standard();
    private final TopologyLoader loader = new TopologyLoader();
    private final MutableClock clock = MutableClock.at("2025-05-06T07:00:00Z");
    private final LabSite kolla = loader.load("lab", loader.readResource("lab/small-kolla.yaml"), clock, LabTimings.scaled(1));
    private final LabSite charmed = loader.load("lab-charmed", loader.readResource("lab/small-charmed.yaml"), clock, LabTimings.scaled(1));

    private ShellResult run(LabSite site, String node, String line) {
        return shell.execute(new Session(site, node, () -> "", d -> { }), line);
    }

    @Test
    void jujuPlacesAMachineOnTheNamedMaasMachineAndItsUnitMakesAHypervisorOfItsCapacity() {
        MaasMachine spare = charmed.maas().machineByHostname("spare02").orElseThrow();

        ShellResult added = run(charmed, "", "juju add-machine -m 'openstack' 'spare02' --constraints 'tags=openstack-compute'");
        String id = added.stderr().replaceAll("\\D", "");
        assertThat(added.exit()).isZero();
        assertThat(charmed.juju().jujuMachines()).filteredOn(m -> m.id().equals(id)).extracting(JujuMachine::instanceId).containsExactly(spare.systemId());
        assertThat(run(charmed, "", "juju add-unit -m 'openstack' 'nova-compute' --to '" + id + "'").exit()).isZero();
        clock.advance(Duration.ofMinutes(2));

        assertThat(charmed.maas().machine(spare.systemId()).orElseThrow().status()).isEqualTo(MachineStatus.DEPLOYED);
        assertThat(charmed.nova().hypervisor("spare02").orElseThrow().vcpus()).isEqualTo(spare.cpuCount());
        assertThat(charmed.nova().hypervisor("spare02").orElseThrow().ramMib()).isEqualTo(spare.memoryMib());
        assertThat(charmed.nova().cellMapped("spare02")).isFalse();
        ShellResult refused = run(charmed, "", "juju remove-machine -m 'openstack' '" + id + "' --no-prompt");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stderr()).contains("has unit \"nova-compute/");
    }

    @Test
    void aMachineThatIsNotReadyOrLacksTheTagIsAProvisioningError() {
        ShellResult added = run(charmed, "", "juju add-machine -m 'openstack' 'new01' --constraints 'tags=openstack-compute'");

        assertThat(added.exit()).isZero();
        JujuMachine machine = charmed.juju().jujuMachines().stream().filter(m -> added.stderr().contains("machine " + m.id() + "\n")).findFirst().orElseThrow();
        assertThat(machine.machineStatus().current()).isEqualTo("provisioning error");
        assertThat(machine.machineStatus().message()).contains("('name', ['new01'])");
    }

    @Test
    void removingAnEmptyMachineReleasesItInMaas() {
        MaasMachine spare = charmed.maas().machineByHostname("spare03").orElseThrow();
        String id = run(charmed, "", "juju add-machine -m 'openstack' 'spare03' --constraints 'tags=openstack-compute'").stderr().replaceAll("\\D", "");

        ShellResult removed = run(charmed, "", "juju remove-machine -m 'openstack' '" + id + "' --no-prompt");

        assertThat(removed.exit()).isZero();
        assertThat(charmed.juju().jujuMachines()).noneMatch(m -> m.id().equals(id));
        assertThat(charmed.maas().machine(spare.systemId()).orElseThrow().status()).isIn(MachineStatus.RELEASING, MachineStatus.READY);
    }

    @Test
    void discoverHostsRunsInTheFirstConductorAndMapsOnlyHostsNotMappedYet() {
        ShellResult nothingNew = run(kolla, "cc01", DISCOVER);
        assertThat(nothingNew.exit()).isZero();
        assertThat(nothingNew.stdout()).startsWith("cc01 | CHANGED | rc=0 >>\n").contains("Found 0 unmapped computes");

        kolla.maas().machineByHostname("spare01").ifPresent(m -> {
            kolla.maas().allocate(java.util.List.of("openstack-compute"), m.systemId(), "", "admin");
            kolla.maas().deploy(m.systemId(), "", "admin");
        });
        clock.advance(Duration.ofMinutes(1));
        kolla.kolla().writeFile("/etc/kolla/multinode", kolla.kolla().file("/etc/kolla/multinode").orElseThrow().content().replace("[compute]\n", "[compute]\nspare01\n"));
        kolla.kolla().finishPlaybook(kolla.kolla().startPlaybook("deploy", java.util.List.of("spare01"), false).id());

        ShellResult mapped = run(kolla, "cc01", DISCOVER);
        assertThat(mapped.stdout()).contains("Creating host mapping for service spare01").contains("Found 1 unmapped computes");
        assertThat(kolla.nova().cellMapped("spare01")).isTrue();
        assertThat(run(kolla, "cc01", DISCOVER).stdout()).contains("Found 0 unmapped computes");
    }

    @Test
    void anUnknownNovaManageCommandFailsOnTheNode() {
        ShellResult result = run(kolla, "cc01", "ansible 'nova-conductor[0]' -i '/etc/kolla/multinode' -m command -a "
                + "'docker exec nova_conductor nova-manage db sync'");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stdout()).contains("cc01 | FAILED | rc=2 >>");
    }
}
