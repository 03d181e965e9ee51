package io.dayshift.adapter.maas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.machine.CommissionOptions;
import io.dayshift.machine.CommissioningState;
import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineNotFoundException;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineQuery;
import io.dayshift.machine.MachineStateConflictException;
import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.PowerOffMode;
import io.dayshift.machine.PowerState;
import io.dayshift.machine.ScriptPhase;
import io.dayshift.machine.ScriptResult;
import io.dayshift.site.Site;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the production MAAS adapter does against a MAAS region API, through the port only: the same contract for every
 * peer that answers like MAAS 2.0 (the in-JVM {@code MaasApiServer} and the built-in lab). A peer provides machines in
 * the states the contract needs (a fresh one on every call, so that tests do not depend on each other's order) and lets
 * the simulated time of a commissioning step pass.
 */
abstract class MachineProvisionerContract {

    /** The production adapter, pointed at the peer. */
    protected abstract MachineProvisioner provisioner();

    /** The site whose MAAS is the peer. */
    protected abstract Site site();

    /** The MAAS user of the API key. */
    protected abstract String apiUser();

    /** The host name of a machine in New, never handed out before. */
    protected abstract String newMachine();

    /** The host name of a Ready machine nobody owns, never handed out before. */
    protected abstract String readyMachine();

    /** The host name of a machine allocated to {@link #apiUser()}, never handed out before. */
    protected abstract String allocatedMachine();

    /** The host name of a machine deployed by {@link #apiUser()}, never handed out before. */
    protected abstract String deployedMachine();

    /** The next commissioning of {@code hostname} ends in Failed commissioning, with a failed script whose output contains {@code output}. */
    protected abstract void failNextCommissioning(String hostname, String output);

    /** The machine's current commissioning or testing step takes its (simulated) time and ends. */
    protected abstract void letStepFinish(String hostname);

    // ---- read -------------------------------------------------------------------------------

    @Test
    void listsMachinesAndFiltersByHostnameAndStatus() {
        String ready = readyMachine();
        String deployed = deployedMachine();
        String fresh = newMachine();

        assertThat(provisioner().listMachines(site(), MachineQuery.all())).extracting(Machine::hostname).contains(ready, deployed, fresh);
        assertThat(provisioner().listMachines(site(), MachineQuery.hostnames(List.of(ready, deployed, fresh)).withStatus(MachineStatus.READY,
                MachineStatus.NEW))).extracting(Machine::hostname).containsExactlyInAnyOrder(ready, fresh);
        assertThat(provisioner().listMachines(site(), MachineQuery.hostnames(List.of(ready, deployed)).withStatus(MachineStatus.DEPLOYED)))
                .singleElement().satisfies(m -> {
                    assertThat(m.hostname()).isEqualTo(deployed);
                    assertThat(m.owner()).isEqualTo(apiUser());
                    assertThat(m.powerState()).isEqualTo(PowerState.ON);
                });
    }

    @Test
    void findsBySystemIdAndByHostname() {
        String ready = readyMachine();

        Machine byName = provisioner().findMachine(site(), ready).orElseThrow();
        Machine byId = provisioner().findMachine(site(), byName.systemId()).orElseThrow();

        assertThat(byId.hostname()).isEqualTo(ready);
        assertThat(byId.status()).isEqualTo(MachineStatus.READY);
        assertThat(byId.isAllocated()).isFalse();
        assertThat(byId.cpuCount()).isPositive();
        assertThat(byId.memoryMib()).isPositive();
        assertThat(provisioner().findMachine(site(), "no-such-host")).isEmpty();
        assertThatThrownBy(() -> provisioner().commission(site(), "no-such-host", CommissionOptions.defaults()))
                .isInstanceOf(MachineNotFoundException.class)
                .hasMessageContaining("site " + site().name())
                .hasMessageContaining("no-such-host");
    }

    // ---- commissioning ------------------------------------------------------------------------

    @Test
    void commissionsWithTestsAndReportsProgressUntilReady() {
        String machine = newMachine();

        Machine started = provisioner().commission(site(), machine, CommissionOptions.withTests(List.of("smartctl-validate")));

        assertThat(started.status()).isEqualTo(MachineStatus.COMMISSIONING);
        CommissioningState commissioning = provisioner().checkCommissioning(site(), machine);
        assertThat(commissioning.phase()).isEqualTo(CommissioningState.Phase.IN_PROGRESS);
        assertThat(commissioning.hostname()).isEqualTo(machine);
        letStepFinish(machine);
        CommissioningState testing = provisioner().checkCommissioning(site(), machine);
        assertThat(testing.status()).isEqualTo(MachineStatus.TESTING);
        assertThat(testing.finished()).isFalse();
        letStepFinish(machine);
        CommissioningState ready = provisioner().checkCommissioning(site(), machine);
        assertThat(ready.succeeded()).isTrue();
        assertThat(ready.status()).isEqualTo(MachineStatus.READY);
        assertThat(ready.statusMessage()).isEqualTo("From 'Testing' to 'Ready'");
        assertThat(provisioner().failedScripts(site(), machine)).isEmpty();
        assertThat(provisioner().scriptResults(site(), machine, ScriptPhase.TESTING)).isNotEmpty().noneMatch(ScriptResult::failed);
    }

    @Test
    void aFailedCommissioningShowsItsFailedScriptsWithTheirOutput() {
        String machine = newMachine();
        failNextCommissioning(machine, "no storage devices found on " + machine);

        provisioner().commission(site(), machine, CommissionOptions.defaults());
        letStepFinish(machine);

        CommissioningState failed = provisioner().checkCommissioning(site(), machine);
        assertThat(failed.phase()).isEqualTo(CommissioningState.Phase.FAILED);
        assertThat(failed.status()).isEqualTo(MachineStatus.FAILED_COMMISSIONING);
        assertThat(failed.commissioningStatus()).isEqualTo("Failed");
        List<ScriptResult> scripts = provisioner().failedScripts(site(), machine);
        assertThat(scripts).isNotEmpty().allSatisfy(r -> {
            assertThat(r.phase()).isEqualTo(ScriptPhase.COMMISSIONING);
            assertThat(r.exitStatus()).isEqualTo(1);
        });
        assertThat(scripts).anySatisfy(r -> assertThat(r.outputTail()).contains("no storage devices found on " + machine));
    }

    @Test
    void commissioningADeployedMachineIsAStateConflict() {
        String deployed = deployedMachine();

        assertThatThrownBy(() -> provisioner().commission(site(), deployed, CommissionOptions.defaults()))
                .isInstanceOfSatisfying(MachineStateConflictException.class, e -> {
                    assertThat(e.site()).isEqualTo(site().name());
                    assertThat(e.operation()).isEqualTo("commission");
                    assertThat(e.machine()).startsWith(deployed + " (");
                })
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("Commission is not available because of the current state of the node.");
        assertThat(provisioner().findMachine(site(), deployed).orElseThrow().status()).isEqualTo(MachineStatus.DEPLOYED);
    }

    @Test
    void marksAnAllocatedMachineBrokenAndReleasesIt() {
        String machine = allocatedMachine();

        Machine broken = provisioner().markBroken(site(), machine, "fails memtester twice; sent to vendor");

        assertThat(broken.status()).isEqualTo(MachineStatus.BROKEN);
        assertThat(broken.owner()).isEmpty();
        assertThat(provisioner().findMachine(site(), machine).orElseThrow().status()).isEqualTo(MachineStatus.BROKEN);
    }

    // ---- tags ---------------------------------------------------------------------------------

    @Test
    void createsTagsOnceAndTagsAndUntagsMachines() {
        String ready = readyMachine();
        String fresh = newMachine();
        provisioner().ensureTag(site(), "contract-burn-in", "hosts under burn-in");
        provisioner().ensureTag(site(), "contract-burn-in", "hosts under burn-in");

        assertThat(provisioner().tagMachines(site(), "contract-burn-in", List.of(ready, fresh))).isEqualTo(2);
        assertThat(provisioner().listMachines(site(), MachineQuery.all().withTag("contract-burn-in")))
                .extracting(Machine::hostname).containsExactlyInAnyOrder(ready, fresh);
        assertThat(provisioner().untagMachines(site(), "contract-burn-in", List.of(ready))).isEqualTo(1);

        assertThat(provisioner().findMachine(site(), ready).orElseThrow().tags()).doesNotContain("contract-burn-in");
        assertThat(provisioner().findMachine(site(), fresh).orElseThrow().tags()).contains("contract-burn-in");
        assertThatThrownBy(() -> provisioner().tagMachines(site(), "contract-no-such-tag", List.of(ready)))
                .isInstanceOf(MachineNotFoundException.class)
                .hasMessageContaining("contract-no-such-tag")
                .hasMessageContaining("No Tag matches the given query.");
    }

    // ---- power --------------------------------------------------------------------------------

    @Test
    void queriesAndSwitchesPower() {
        String machine = allocatedMachine();

        assertThat(provisioner().powerOff(site(), machine, PowerOffMode.HARD).powerState()).isEqualTo(PowerState.OFF);
        assertThat(provisioner().queryPowerState(site(), machine)).isEqualTo(PowerState.OFF);
        assertThat(provisioner().powerOn(site(), machine).powerState()).isEqualTo(PowerState.ON);
        assertThat(provisioner().queryPowerState(site(), machine)).isEqualTo(PowerState.ON);
    }

    @Test
    void poweringOnAnUnallocatedMachineIsAStateConflict() {
        String ready = readyMachine();

        assertThatThrownBy(() -> provisioner().powerOn(site(), ready))
                .isInstanceOf(MachineStateConflictException.class)
                .hasMessageContaining("power on of machine " + ready)
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("Can't start node: it hasn't been allocated.");
    }

    // ---- allocate, deploy, release ----------------------------------------------------------------

    @Test
    void allocatesAReadyMachineCarryingTheTagsThenDeploysIt() {
        String ready = readyMachine();
        provisioner().ensureTag(site(), "contract-rack-b", "");
        provisioner().tagMachines(site(), "contract-rack-b", List.of(ready));

        Machine allocated = provisioner().allocate(site(), ready, List.of("contract-rack-b"));

        assertThat(allocated.status()).isEqualTo(MachineStatus.ALLOCATED);
        assertThat(allocated.owner()).isEqualTo(apiUser());
        Machine deploying = provisioner().deploy(site(), ready, "jammy");
        assertThat(deploying.status()).isEqualTo(MachineStatus.DEPLOYING);
        assertThat(deploying.distroSeries()).isEqualTo("jammy");
    }

    @Test
    void allocatingAMachineThatLacksATagIsAStateConflict() {
        String ready = readyMachine();
        String systemId = provisioner().findMachine(site(), ready).orElseThrow().systemId();

        assertThatThrownBy(() -> provisioner().allocate(site(), ready, List.of("contract-gpu")))
                .isInstanceOf(MachineStateConflictException.class)
                .hasMessageContaining("allocate of machine " + ready + " (" + systemId + ")")
                .hasMessageContaining("No machine with system ID " + systemId + " available.");
        assertThat(provisioner().findMachine(site(), ready).orElseThrow().status()).isEqualTo(MachineStatus.READY);
    }

    @Test
    void deployingADeployedMachineIsAStateConflict() {
        String deployed = deployedMachine();

        assertThatThrownBy(() -> provisioner().deploy(site(), deployed))
                .isInstanceOf(MachineStateConflictException.class)
                .hasMessageContaining("deploy of machine " + deployed)
                .hasMessageContaining("Can't deploy a machine that is in the 'Deployed' state");
    }

    @Test
    void releasesADeployedMachineAndAReadyOneIsANoOp() {
        String deployed = deployedMachine();
        String ready = readyMachine();

        assertThat(provisioner().release(site(), deployed, false).status()).isEqualTo(MachineStatus.RELEASING);
        assertThat(provisioner().release(site(), ready, false).status()).isEqualTo(MachineStatus.READY);
    }

    @Test
    void releasingANewMachineIsAStateConflict() {
        String fresh = newMachine();

        assertThatThrownBy(() -> provisioner().release(site(), fresh, false))
                .isInstanceOf(MachineStateConflictException.class)
                .hasMessageContaining("release of machine " + fresh)
                .hasMessageContaining("Machine cannot be released in its current state ('New').");
    }
}
