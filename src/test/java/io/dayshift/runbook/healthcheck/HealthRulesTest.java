package io.dayshift.runbook.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dayshift.ceph.CephStatus;
import io.dayshift.charm.Application;
import io.dayshift.charm.EntityStatus;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.Unit;
import io.dayshift.compute.ApiEndpoint;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.Hypervisor;
import io.dayshift.compute.ResourceInventory;
import io.dayshift.kolla.ContainerLog;
import io.dayshift.kolla.GaleraNode;
import io.dayshift.kolla.HostContainers;
import io.dayshift.kolla.NodeContainer;
import java.util.OptionalInt;
import io.dayshift.compute.NetworkAgent;
import io.dayshift.compute.VolumeService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthRulesTest {

    @Test
    void aComputeServiceDownIsRedAndOneDisabledForMaintenanceIsAmber() {
        List<Finding> findings = HealthRules.computeServices(List.of(
                compute("cn01", true, true, false, null),
                compute("cn02", true, false, false, null),
                compute("cn03", false, true, false, "kernel update CHG-1234"),
                compute("cn04", true, false, true, null)));

        assertThat(findings).extracting(Finding::subject, Finding::health).containsExactly(
                tuple("nova-compute on cn02", Health.RED),
                tuple("nova-compute on cn03", Health.AMBER),
                tuple("nova-compute on cn04", Health.RED));
        assertThat(findings.get(0).message()).contains("is down").contains("last report 2026-11-21T06:00:00Z");
        assertThat(findings.get(1).message()).isEqualTo("is disabled: kernel update CHG-1234");
        assertThat(findings.get(2).message()).contains("forced down");
        assertThat(Health.worst(findings)).isEqualTo(Health.RED);
    }

    @Test
    void aDeadAgentIsRedAndOneTakenDownIsAmber() {
        List<Finding> findings = HealthRules.networkAgents(List.of(
                new NetworkAgent("1", "L3 agent", "neutron-l3-agent", "net01", true, true),
                new NetworkAgent("2", "DHCP agent", "neutron-dhcp-agent", "net02", false, true),
                new NetworkAgent("3", "OVN Controller agent", "ovn-controller", "cn05", false, false)));

        assertThat(findings).extracting(Finding::health).containsExactly(Health.RED, Health.AMBER);
        assertThat(findings.get(0).subject()).isEqualTo("DHCP agent on net02");
    }

    @Test
    void aVolumeServiceDownIsRed() {
        List<Finding> findings = HealthRules.volumeServices(List.of(
                new VolumeService("cinder-volume", "cc01@lvm", "nova", true, false, Optional.empty()),
                new VolumeService("cinder-scheduler", "cc02", "nova", true, true, Optional.empty())));
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.health()).isEqualTo(Health.RED);
            assertThat(finding.subject()).isEqualTo("cinder-volume on cc01@lvm");
        });
    }

    @Test
    void usageAboveTheSeedThresholdsIsAmberAndBeyondCapacityIsRed() {
        List<Finding> findings = HealthRules.hypervisorUsage(List.of(
                // CPU 69 %, RAM 80 %, disk 75 %: exactly at or under every threshold
                new HypervisorLoad("cn01", 69, 100, 80, 100, 75, 100),
                // CPU 71 %: amber
                new HypervisorLoad("cn02", 71, 100, 10, 100, 10, 100),
                // RAM beyond capacity: red
                new HypervisorLoad("cn03", 10, 100, 120, 100, 10, 100)), Thresholds.SEED);

        assertThat(findings).extracting(Finding::subject, Finding::health).containsExactly(
                tuple("cn02", Health.AMBER),
                tuple("cn03", Health.RED));
        assertThat(findings.get(0).message()).isEqualTo("CPU at 71 % (71 of 100 vCPU), above the 70 % threshold");
        assertThat(findings.get(1).message()).contains("RAM at 120 %");
    }

    @Test
    void unitsInErrorAreRedAndUnitsNotIdleAreAmber() {
        Unit healthySub = unit("ovn-chassis/0", "active", "idle", Map.of());
        Unit blockedSub = unit("ovn-chassis/1", "blocked", "idle", Map.of());
        ModelStatus status = new ModelStatus("openstack", "3.4.2", Map.of(
                "nova-compute", application("nova-compute", Map.of(
                        "nova-compute/0", unit("nova-compute/0", "active", "idle", Map.of("ovn-chassis/0", healthySub)),
                        "nova-compute/1", unit("nova-compute/1", "active", "idle", Map.of("ovn-chassis/1", blockedSub)))),
                "keystone", application("keystone", Map.of(
                        "keystone/0", unit("keystone/0", "error", "idle", Map.of()),
                        "keystone/1", unit("keystone/1", "active", "executing", Map.of())))), Map.of());

        List<Finding> findings = HealthRules.charmUnits(status);

        assertThat(findings).extracting(Finding::subject, Finding::health).containsExactlyInAnyOrder(
                tuple("ovn-chassis/1", Health.AMBER),
                tuple("keystone/0", Health.RED),
                tuple("keystone/1", Health.AMBER));
    }

    @Test
    void noFindingMeansGreen() {
        assertThat(Health.worst(List.of())).isEqualTo(Health.GREEN);
    }

    private static ComputeService compute(String host, boolean enabled, boolean up, boolean forcedDown, String reason) {
        return new ComputeService("id-" + host, ComputeService.NOVA_COMPUTE, host, "az1", enabled, up, forcedDown,
                Optional.ofNullable(reason), Optional.of(Instant.parse("2026-11-21T06:00:00Z")));
    }

    private static Unit unit(String name, String workload, String agent, Map<String, Unit> subordinates) {
        return new Unit(name, new EntityStatus(workload, ""), new EntityStatus(agent, ""), "0", false, "10.0.0.1", subordinates);
    }

    private static Application application(String name, Map<String, Unit> units) {
        return new Application(name, name, "2023.2/stable", 1, "", new EntityStatus("active", ""), "", List.of(), Map.of(), units);
    }

    // ---- the rules added with the runbook site-health-check ----------------------------------------------------

    @Test
    void loadIsCountedAgainstPlacementCapacityWithoutTheHostsReservedRam() {
        Hypervisor cn01 = new Hypervisor("id", "cn01", "cn01", "QEMU", true, true, 32, 90, 131072, 110592, 1800, 1000, 12);
        HypervisorLoad load = HealthRules.load(cn01, List.of(
                new ResourceInventory("VCPU", 32, 0, 4.0, 32),
                new ResourceInventory("MEMORY_MB", 131072, 4096, 1.0, 131072),
                new ResourceInventory("DISK_GB", 1800, 0, 1.0, 1800)));

        assertThat(load).isEqualTo(new HypervisorLoad("cn01", 90, 128, 106496, 126976, 1000, 1800));
        // CPU at 70 % (90 of 128) is not above 70 %; RAM is
        assertThat(HealthRules.hypervisorUsage(List.of(load), Thresholds.SEED)).extracting(Finding::message).containsExactly(
                "RAM at 84 % (106496 of 126976 MiB), above the 80 % threshold");
    }

    @Test
    void aHypervisorWithoutInventoriesHasNoCapacityReported() {
        Hypervisor cn09 = new Hypervisor("id", "cn09", "cn09", "QEMU", true, true, 32, 0, 131072, 0, 1800, 0, 0);
        assertThat(HealthRules.hypervisorUsage(List.of(HealthRules.load(cn09, List.of())), Thresholds.SEED))
                .extracting(Finding::health, Finding::message).containsExactly(
                        tuple(Health.AMBER, "CPU capacity is not reported"), tuple(Health.AMBER, "RAM capacity is not reported"),
                        tuple(Health.AMBER, "disk capacity is not reported"));
    }

    @Test
    void anApiThatDoesNotAnswerOrAnswers5xxIsRedAndAWrongPathAmber() {
        List<Finding> findings = HealthRules.apiEndpoints(List.of(
                endpoint("identity", "keystone", 200, null),
                endpoint("image", "glance", 300, null),
                endpoint("volumev3", "cinderv3", 401, null),
                endpoint("compute", "nova", 503, null),
                endpoint("network", "neutron", -1, "connection refused"),
                endpoint("placement", "placement", 404, null)));

        assertThat(findings).extracting(Finding::health, Finding::subject, Finding::message).containsExactly(
                tuple(Health.RED, "nova API (compute)", "answers HTTP 503 at http://api/compute"),
                tuple(Health.RED, "neutron API (network)", "does not answer at http://api/network: connection refused"),
                tuple(Health.AMBER, "placement API (placement)", "answers HTTP 404 at its catalog URL http://api/placement"));
        assertThat(HealthRules.apiEndpoints(List.of())).singleElement().extracting(Finding::health).isEqualTo(Health.RED);
    }

    @Test
    void aKeyContainerDownIsRedAnyOtherAmberAndAnUnreachableNodeRed() {
        List<Finding> findings = HealthRules.containers(List.of(
                new HostContainers("cc01", Optional.empty(), List.of(
                        new NodeContainer("mariadb", "img", "Exited (1) 2 minutes ago", false),
                        new NodeContainer("horizon", "img", "Restarting (1) 5 seconds ago", false),
                        new NodeContainer("keystone", "img", "Up 2 hours (unhealthy)", true),
                        new NodeContainer("nova_api", "img", "Up 3 days (healthy)", true))),
                new HostContainers("cn04", Optional.of("unreachable: No route to host"), List.of()),
                new HostContainers("cn07", Optional.empty(), List.of())), List.of("mariadb", "keystone", "nova_api"));

        assertThat(findings).extracting(Finding::health, Finding::subject, Finding::message).containsExactly(
                tuple(Health.RED, "mariadb on cc01", "is not running: Exited (1) 2 minutes ago (a key container)"),
                tuple(Health.AMBER, "horizon on cc01", "is not running: Restarting (1) 5 seconds ago"),
                tuple(Health.AMBER, "keystone on cc01", "fails its health check: Up 2 hours (unhealthy)"),
                tuple(Health.RED, "cn04", "its containers cannot be listed: unreachable: No route to host"),
                tuple(Health.AMBER, "cn07", "runs no containers"));
    }

    @Test
    void criticalLinesAreRedErrorLinesAmberWithTheCountsAndTheLatestLine() {
        List<Finding> findings = HealthRules.containerLogs(List.of(
                new ContainerLog("cn01", "nova_compute", Optional.empty(), List.of("2025 INFO ok", "2025 ERROR first", "2025 WARNING w", "2025 ERROR second")),
                new ContainerLog("cc01", "mariadb", Optional.empty(), List.of("2025 ERROR a", "2025 CRITICAL b")),
                new ContainerLog("cc02", "rabbitmq", Optional.empty(), List.of("2025 INFO ERRORS_TOTAL=0 fine")),
                new ContainerLog("cc03", "keystone", Optional.of("rc=1: No such container: keystone"), List.of())));

        assertThat(findings).extracting(Finding::health, Finding::subject, Finding::message).containsExactly(
                tuple(Health.AMBER, "nova_compute on cn01", "2 error line(s) in its last 4 log lines; latest: 2025 ERROR second"),
                tuple(Health.RED, "mariadb on cc01", "2 error line(s), 1 CRITICAL, in its last 2 log lines; latest: 2025 CRITICAL b"),
                tuple(Health.AMBER, "keystone on cc03", "its log cannot be read: rc=1: No such container: keystone"));
    }

    @Test
    void unitLogLinesAreGroupedByApplicationAndMachineLinesAreNotAUnits() {
        List<Finding> findings = HealthRules.unitLogs(List.of(
                "unit-nova-compute-3: 10:12:13 ERROR unit.nova-compute/3.juju-log libvirt down",
                "machine-7: 10:12:14 ERROR juju.worker.dependency \"broker-tracker\" manifold worker returned unexpected error",
                "unit-nova-compute-1: 10:12:15 CRITICAL unit.nova-compute/1.juju-log disk full",
                "unit-keystone-0: 10:12:16 ERROR unit.keystone/0.juju-log Hook error"));

        assertThat(findings).extracting(Finding::check, Finding::health, Finding::subject).containsExactly(
                tuple("unit-logs", Health.AMBER, "keystone"), tuple("unit-logs", Health.RED, "nova-compute"));
        assertThat(findings.get(1).message()).startsWith("2 error line(s), 1 CRITICAL, in the model's newest 4 ERROR lines").endsWith("disk full");
    }

    @Test
    void cephWarnIsAmberErrAndNoAnswerRedNoCephNothing() {
        assertThat(HealthRules.ceph(Optional.empty())).isEmpty();
        assertThat(HealthRules.ceph(Optional.of(new CephStatus("HEALTH_OK", "health: HEALTH_OK")))).isEmpty();
        assertThat(HealthRules.ceph(Optional.of(new CephStatus("HEALTH_WARN", "    health: HEALTH_WARN\n            OSD_DOWN: 2 osds down\n"))))
                .extracting(Finding::health, Finding::message).containsExactly(tuple(Health.AMBER, "is HEALTH_WARN: OSD_DOWN: 2 osds down"));
        assertThat(HealthRules.ceph(Optional.of(new CephStatus("HEALTH_ERR", "health: HEALTH_ERR")))).extracting(Finding::health).containsExactly(Health.RED);
        assertThat(HealthRules.ceph(Optional.of(new CephStatus("UNREACHABLE", "monclient(hunting): authenticate timed out after 20"))))
                .extracting(Finding::health, Finding::message)
                .containsExactly(tuple(Health.RED, "does not answer (UNREACHABLE): monclient(hunting): authenticate timed out after 20"));
    }

    @Test
    void galeraWantsEveryNodePrimarySyncedAndSeeingAllOthers() {
        Map<String, String> ok = Map.of("wsrep_cluster_size", "3", "wsrep_cluster_status", "Primary", "wsrep_local_state_comment", "Synced");
        assertThat(HealthRules.galera(List.of(new GaleraNode("cc01", Optional.empty(), ok), new GaleraNode("cc02", Optional.empty(), ok),
                new GaleraNode("cc03", Optional.empty(), ok)))).isEmpty();

        List<Finding> findings = HealthRules.galera(List.of(
                new GaleraNode("cc01", Optional.empty(), Map.of("wsrep_cluster_size", "3", "wsrep_cluster_status", "Primary",
                        "wsrep_local_state_comment", "Donor/Desynced")),
                new GaleraNode("cc02", Optional.empty(), Map.of("wsrep_cluster_size", "1", "wsrep_cluster_status", "non-Primary",
                        "wsrep_local_state_comment", "Initialized")),
                new GaleraNode("cc03", Optional.of("unreachable: No route to host"), Map.of())));
        assertThat(findings).extracting(Finding::health, Finding::subject).containsExactly(tuple(Health.AMBER, "mariadb on cc01"),
                tuple(Health.RED, "mariadb on cc02"), tuple(Health.RED, "mariadb on cc03"));
        assertThat(HealthRules.galera(List.of())).extracting(Finding::health).containsExactly(Health.RED);
    }

    @Test
    void anInnodbClusterIsFineOkAmberPartialAndRedOtherwise() {
        assertThat(HealthRules.innodbCluster("mysql", "OK", "Cluster is ONLINE and can tolerate up to ONE failure.", Map.of())).isEmpty();
        assertThat(HealthRules.innodbCluster("mysql", "OK_PARTIAL", "Cluster is ONLINE and can tolerate up to ONE failure. 1 member is not active.",
                Map.of("10.0.0.5:3306", "(MISSING)"))).extracting(Finding::health).containsExactly(Health.AMBER);
        assertThat(HealthRules.innodbCluster("mysql", "NO_QUORUM", "Cluster has no quorum", Map.of("10.0.0.5:3306", "ONLINE", "10.0.0.6:3306", "UNREACHABLE")))
                .singleElement().satisfies(f -> {
                    assertThat(f.health()).isEqualTo(Health.RED);
                    assertThat(f.message()).isEqualTo("cluster status NO_QUORUM: Cluster has no quorum Members not ONLINE: 10.0.0.6:3306 UNREACHABLE");
                });
    }

    private static ApiEndpoint endpoint(String type, String name, int status, String problem) {
        return new ApiEndpoint(type, name, "http://api/" + type, status < 0 ? OptionalInt.empty() : OptionalInt.of(status),
                Optional.ofNullable(problem), 3);
    }
}
