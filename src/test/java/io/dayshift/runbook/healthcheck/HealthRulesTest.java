package io.dayshift.runbook.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dayshift.charm.Application;
import io.dayshift.charm.EntityStatus;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.Unit;
import io.dayshift.compute.ComputeService;
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
}
