package io.dayshift.lab.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.lab.model.FloatingIp;
import io.dayshift.lab.model.Hypervisor;
import io.dayshift.lab.model.Instance;
import io.dayshift.lab.model.InstanceStatus;
import io.dayshift.lab.model.JujuApplication;
import io.dayshift.lab.model.JujuUnit;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.LabTimings;
import io.dayshift.lab.model.MaasMachine;
import io.dayshift.lab.model.Port;
import io.dayshift.lab.model.ServerGroup;
import io.dayshift.machine.MachineStatus;
import io.dayshift.site.Flavour;
import io.dayshift.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The three shipped topologies load with the promised contents. */
class TopologyLoaderTest {

    private final TopologyLoader loader = new TopologyLoader();
    private final MutableClock clock = MutableClock.at("2025-05-06T07:00:00Z");

    private LabSite load(String resource) {
        return loader.load("lab", loader.readResource(resource), clock, LabTimings.instant());
    }

    @Test
    void smallKolla() {
        LabSite site = load("lab/small-kolla.yaml");

        assertThat(site.flavour()).isEqualTo(Flavour.KOLLA);
        assertThat(site.nodes()).extracting(n -> n.hostname()).containsExactly(
                "cc01", "cc02", "cc03", "net01", "net02", "hap1", "hap2", "cn01", "cn02", "cn03", "cn04", "cn05", "cn06");
        assertThat(site.nova().hypervisors()).extracting(Hypervisor::zone).containsExactly("az1", "az1", "az1", "az2", "az2", "az2");
        assertThat(site.maas().machines()).filteredOn(m -> m.status() == MachineStatus.READY)
                .extracting(MaasMachine::hostname).containsExactly("spare01", "spare02", "spare03");
        assertThat(site.maas().machines()).filteredOn(m -> m.status() == MachineStatus.READY).allMatch(m -> m.hasTag("openstack-compute"));
        assertThat(site.maas().machines()).filteredOn(m -> m.status() == MachineStatus.NEW).extracting(MaasMachine::hostname).containsExactly("new01", "new02");
        assertThat(site.nova().instances()).hasSize(22);
        assertThat(site.nova().instances()).filteredOn(i -> i.status() == InstanceStatus.ERROR).hasSize(2);
        Map<String, Long> perHost = site.nova().instances().stream().collect(Collectors.groupingBy(Instance::host, Collectors.counting()));
        assertThat(perHost.get("cn01")).isGreaterThan(4 * perHost.get("cn06"));
        assertThat(site.nova().serverGroups()).extracting(ServerGroup::policy).containsOnly("anti-affinity");
        assertThat(site.nova().usage("cn01").ramMibFree()).isLessThan(site.nova().usage("cn06").ramMibFree());
        assertThat(site.neutron().ports()).filteredOn(p -> !p.bound()).hasSize(4);
        assertThat(site.neutron().floatingIps()).filteredOn(f -> !f.associated()).hasSize(3);
        assertThat(site.neutron().floatingIps()).filteredOn(FloatingIp::associated).allMatch(f -> site.neutron().ports().stream().map(Port::id).anyMatch(f.portId()::equals));
        assertThat(site.keystone().users()).filteredOn(u -> u.lastActiveAt().isBefore(clock.instant().minus(Duration.ofDays(90)))).hasSize(2);
        assertThat(site.neutron().securityGroups()).flatMap(g -> g.rules()).anyMatch(r -> r.openToTheWorld() && Integer.valueOf(22).equals(r.portMin()));
        assertThat(site.kolla().globalsRelease()).contains("2023.2");
        assertThat(site.kolla().kollaAnsibleVersion()).isEqualTo("17.3.0");
        assertThat(site.kolla().file("/etc/kolla/multinode").orElseThrow().content()).contains("[compute]\ncn01\n").contains("[loadbalancer]\nhap1\nhap2\n");
        assertThat(site.neutron().networkAgents()).extracting(a -> a.agentType()).contains("L3 agent", "DHCP agent", "Metadata agent", "Open vSwitch agent");
        assertThat(site.cinder().volumeServices()).extracting(v -> v.binary()).contains("cinder-scheduler", "cinder-volume");
        assertThat(site.destructiveActions()).isEmpty();
    }

    @Test
    void smallCharmed() {
        LabSite site = load("lab/small-charmed.yaml");

        assertThat(site.flavour()).isEqualTo(Flavour.CHARMED);
        assertThat(site.juju().jujuVersion()).isEqualTo("3.4.2");
        assertThat(site.juju().applications()).extracting(JujuApplication::name).contains("keystone", "nova-cloud-controller", "nova-compute",
                "ovn-chassis", "neutron-api", "glance", "cinder", "placement", "mysql-innodb-cluster", "rabbitmq-server", "vault", "ceph-mon",
                "ceph-osd", "openstack-dashboard");
        assertThat(site.juju().application("nova-compute").orElseThrow().channel()).isEqualTo("2023.2/stable");
        assertThat(site.juju().units()).filteredOn(u -> u.application().equals("nova-compute")).hasSize(6).allMatch(u -> !u.subordinate());
        assertThat(site.juju().units()).filteredOn(u -> u.application().equals("ovn-chassis")).hasSize(6)
                .allMatch(u -> u.principal().startsWith("nova-compute/"));
        assertThat(site.juju().units()).allMatch(u -> u.workload().current().equals("active") && u.agent().current().equals("idle"));
        assertThat(site.juju().units()).filteredOn(u -> u.application().equals("keystone")).extracting(JujuUnit::machine)
                .containsExactly("0/lxd/3", "1/lxd/3", "2/lxd/3");
        assertThat(site.juju().jujuMachines()).filteredOn(m -> !m.container()).hasSize(13)
                .allMatch(m -> site.maas().machine(m.instanceId()).isPresent());
        assertThat(site.nova().hypervisors()).hasSize(6);
        assertThat(site.nova().instances()).hasSize(22);
    }

    @Test
    void largeIsGeneratedFromCompactDeclarations() {
        LabSite site = load("lab/large.yaml");

        assertThat(site.nova().hypervisors()).hasSize(200);
        assertThat(site.nova().hypervisors().stream().map(Hypervisor::zone).distinct()).containsExactly("az1", "az2", "az3", "az4");
        assertThat(site.nova().instances()).hasSize(4000);
        assertThat(site.nova().instances().stream().map(Instance::host).distinct().count()).isGreaterThan(190);
        long busiest = site.nova().instances().stream().collect(Collectors.groupingBy(Instance::host, Collectors.counting())).values().stream()
                .mapToLong(Long::longValue).max().orElseThrow();
        assertThat(busiest).isGreaterThan(30); // uneven: the average is 20
    }

    @Test
    void theBenchmarksMediumAndExtraLargeSitesAreTheLargeOnesMixAtOtherSizes() {
        LabSite medium = load("lab/medium.yaml");
        LabSite xlarge = load("lab/xlarge.yaml");

        assertThat(medium.nova().hypervisors()).hasSize(20);
        assertThat(medium.nova().instances()).hasSize(300);
        assertThat(medium.nova().hypervisor("cn001")).isPresent();
        assertThat(xlarge.nova().hypervisors()).hasSize(1000);
        assertThat(xlarge.nova().instances()).hasSize(20_000);
        assertThat(xlarge.nova().hypervisor("cn0001")).isPresent();
        assertThat(xlarge.nova().instances().stream().map(Instance::host).distinct().count()).isGreaterThan(950);
    }
}
