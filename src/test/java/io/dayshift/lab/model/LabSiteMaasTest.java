package io.dayshift.lab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.lab.topology.TopologyLoader;
import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.PowerState;
import io.dayshift.machine.ScriptPhase;
import io.dayshift.machine.ScriptStatus;
import io.dayshift.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MAAS part of the model that the lab's MAAS region API serves: commissioning with testing, script sets, broken machines. */
class LabSiteMaasTest {

    private final TopologyLoader loader = new TopologyLoader();
    private MutableClock clock;
    private LabSite site;

    @BeforeEach
    void load() {
        clock = MutableClock.at("2025-05-06T07:00:00Z");
        site = loader.load("lab", loader.readResource("lab/small-kolla.yaml"), clock, LabTimings.scaled(1.0));
    }

    private String id(String hostname) {
        return site.maas().machineByHostname(hostname).orElseThrow().systemId();
    }

    @Test
    void commissioningRunsItsScriptsThenTheNamedTestsThenIsReady() {
        String id = id("new01");

        MaasMachine started = site.maas().commission(id, "admin", List.of("update-firmware"), List.of("memtester", "smartctl-validate"), false);

        assertThat(started.owner()).isEqualTo("admin");
        LabScriptSet commissioning = site.maas().currentScriptSet(id, ScriptPhase.COMMISSIONING).orElseThrow();
        assertThat(commissioning.results()).extracting(LabScriptResult::name).contains("50-maas-01-commissioning", "update-firmware");
        assertThat(commissioning.results()).allMatch(r -> r.status() == ScriptStatus.RUNNING);
        LabScriptSet testing = site.maas().currentScriptSet(id, ScriptPhase.TESTING).orElseThrow();
        assertThat(testing.id()).isNotEqualTo(commissioning.id());
        assertThat(testing.results()).extracting(LabScriptResult::name).containsExactly("memtester", "smartctl-validate");
        assertThat(testing.results()).allMatch(r -> r.status() == ScriptStatus.PENDING);

        clock.advance(Duration.ofSeconds(20));
        assertThat(site.maas().machine(id).orElseThrow().status()).isEqualTo(MachineStatus.TESTING);
        assertThat(site.maas().currentScriptSet(id, ScriptPhase.TESTING).orElseThrow().results()).allMatch(r -> r.status() == ScriptStatus.RUNNING);
        assertThat(site.maas().scriptSet(id, commissioning.id()).orElseThrow().results()).allMatch(r -> r.status() == ScriptStatus.PASSED);

        clock.advance(Duration.ofSeconds(10));
        MaasMachine ready = site.maas().machine(id).orElseThrow();
        assertThat(ready.status()).isEqualTo(MachineStatus.READY);
        assertThat(ready.statusMessage()).isEqualTo("From 'Testing' to 'Ready'");
        assertThat(ready.owner()).isEmpty();
        assertThat(ready.powerState()).isEqualTo(PowerState.OFF);
        assertThat(site.destructiveActions()).containsEntry("maas-commission", 1L);
    }

    @Test
    void aLongJumpOfTheClockPassesThroughTestingToReady() {
        String id = id("new01");
        site.maas().commission(id);

        clock.advance(Duration.ofMinutes(5));

        assertThat(site.maas().machine(id).orElseThrow().status()).isEqualTo(MachineStatus.READY);
        assertThat(site.maas().currentScriptSet(id, ScriptPhase.TESTING).orElseThrow().results()).allMatch(r -> r.status() == ScriptStatus.PASSED);
    }

    @Test
    void withoutTestsCommissioningEndsReadyWithNoTestingSet() {
        String id = id("spare01");
        site.maas().commission(id, "admin", List.of(), List.of(), true);

        clock.advance(Duration.ofSeconds(20));

        assertThat(site.maas().machine(id).orElseThrow().status()).isEqualTo(MachineStatus.READY);
        assertThat(site.maas().currentScriptSet(id, ScriptPhase.TESTING)).isEmpty();
    }

    @Test
    void aTestingFaultEndsInFailedTestingWithTheFaultsMessageAsOutput() {
        String id = id("new02");
        site.injectFault(new LabFault("", FaultType.TESTING_FAILS, "new02", "memtester: FAILURE at 0x7f3a", 1));

        site.maas().commission(id, "admin", List.of(), List.of("memtester"), false);
        clock.advance(Duration.ofMinutes(1));

        MaasMachine failed = site.maas().machine(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(MachineStatus.FAILED_TESTING);
        assertThat(site.maas().currentScriptSet(id, ScriptPhase.TESTING).orElseThrow().results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ScriptStatus.FAILED);
            assertThat(r.exitStatus()).isEqualTo(1);
            assertThat(r.output()).isEqualTo("memtester: FAILURE at 0x7f3a\n");
        });
        assertThat(site.maas().currentScriptSet(id, ScriptPhase.COMMISSIONING).orElseThrow().results()).allMatch(r -> r.status() == ScriptStatus.PASSED);
        assertThat(site.faults()).isEmpty();
    }

    @Test
    void aCommissioningFaultAbortsTheTests() {
        String id = id("new02");
        site.injectFault(LabFault.of(FaultType.COMMISSIONING_FAILS, id));

        site.maas().commission(id);
        clock.advance(Duration.ofMinutes(1));

        assertThat(site.maas().machine(id).orElseThrow().status()).isEqualTo(MachineStatus.FAILED_COMMISSIONING);
        assertThat(site.maas().currentScriptSet(id, ScriptPhase.TESTING).orElseThrow().results()).allMatch(r -> r.status() == ScriptStatus.ABORTED);
    }

    @Test
    void markingADeployedMachineBrokenReleasesItAndKeepsTheComment() {
        String id = id("cn06");

        MaasMachine broken = site.maas().markBroken(id, "PSU failed");

        assertThat(broken.status()).isEqualTo(MachineStatus.BROKEN);
        assertThat(broken.owner()).isEmpty();
        assertThat(broken.powerState()).isEqualTo(PowerState.OFF);
        assertThat(site.maas().errorDescription(id)).isEqualTo("PSU failed");
        assertThat(site.node("cn06")).isEmpty();
        assertThat(site.destructiveActions()).containsEntry("maas-mark-broken", 1L);
        site.maas().commission(id);
        assertThat(site.maas().errorDescription(id)).isEmpty();
    }

    @Test
    void releaseWithEraseGoesThroughDiskErasing() {
        String id = id("spare01");
        site.maas().allocate(List.of(), id, "", "admin");

        assertThat(site.maas().release(id, true).status()).isEqualTo(MachineStatus.DISK_ERASING);
        clock.advance(Duration.ofSeconds(5));

        assertThat(site.maas().machine(id).orElseThrow().status()).isEqualTo(MachineStatus.READY);
        assertThat(site.maas().release(id, true).status()).isEqualTo(MachineStatus.READY);
        assertThat(site.destructiveActions()).containsEntry("maas-release", 1L);
    }

    @Test
    void allocationRefusalsAreWordedAsMaasWordsThem() {
        assertThatThrownBy(() -> site.maas().allocate(List.of("gpu"), "", "", "admin"))
                .hasMessage("No available machine matches constraints: [('tags', ['gpu'])] (resolved to \"tags=gpu\")");
        assertThatThrownBy(() -> site.maas().allocate(List.of(), id("new01"), "", "admin"))
                .hasMessage("No machine with system ID " + id("new01") + " available.");
    }

    @Test
    void tagsKeepTheirCommentAndAreCreatedOnce() {
        assertThat(site.maas().createTag("burn-in", "hosts under burn-in")).isTrue();
        assertThat(site.maas().createTag("burn-in", "other")).isFalse();

        assertThat(site.maas().tagComment("burn-in")).isEqualTo("hosts under burn-in");
        assertThat(site.destructiveActions()).containsEntry("maas-create-tag", 1L);
    }
}
