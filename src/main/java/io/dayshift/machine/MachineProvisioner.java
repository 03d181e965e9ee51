package io.dayshift.machine;

import io.dayshift.site.Site;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What runbooks need of a site's bare-metal provisioner (MAAS): find machines, commission and test them,
 * tag them, power them, allocate, deploy and release them.
 *
 * <p>Wherever a method takes {@code machine}, it accepts either MAAS's system id ({@code thr3am}) or the
 * machine's hostname ({@code compute-07}): a runbook input may be either. Every call is bounded by the
 * adapter's timeouts. Long operations (commissioning, deployment, release) only start here; a runbook
 * checks on them later with {@link #checkCommissioning} or {@link #findMachine}.
 *
 * <p>Failures: {@link MachineNotFoundException} when the machine is unknown,
 * {@link MachineStateConflictException} when MAAS refuses because of the machine's state, and
 * {@link MachineProvisioningException} for technical failures.
 */
public interface MachineProvisioner {

    /** Machines matching the query, in MAAS's order (by id). */
    List<Machine> listMachines(Site site, MachineQuery query);

    /** The machine, or empty when MAAS knows no machine with this system id or hostname. */
    Optional<Machine> findMachine(Site site, String machine);

    /**
     * Starts commissioning (and then testing). MAAS allows it from New, Failed commissioning, Ready and
     * Broken. Returns the machine as MAAS answered (status Commissioning).
     */
    Machine commission(Site site, String machine, CommissionOptions options);

    /** Where the machine's commissioning stands; does not wait. */
    CommissioningState checkCommissioning(Site site, String machine);

    /** Every script result of the machine's current commissioning or testing run, with output tails. */
    List<ScriptResult> scriptResults(Site site, String machine, ScriptPhase phase);

    /** The failed scripts of the machine's current commissioning and testing runs, for the operator. */
    default List<ScriptResult> failedScripts(Site site, String machine) {
        List<ScriptResult> failed = new ArrayList<>();
        for (ScriptPhase phase : ScriptPhase.values()) {
            scriptResults(site, machine, phase).stream().filter(ScriptResult::failed).forEach(failed::add);
        }
        return failed;
    }

    /**
     * Marks the machine Broken with a comment MAAS shows as its error description (MAAS releases it first if
     * it was allocated). MAAS lets only the machine's owner do this.
     */
    Machine markBroken(Site site, String machine, String comment);

    /** Creates a manual tag (no definition) unless it exists already. */
    void ensureTag(Site site, String tag, String comment);

    /** Adds the tag to the machines; returns how many machines MAAS matched. */
    int tagMachines(Site site, String tag, Collection<String> machines);

    /** Removes the tag from the machines; returns how many machines MAAS matched. */
    int untagMachines(Site site, String tag, Collection<String> machines);

    /** Asks the BMC now (may take up to a minute). */
    PowerState queryPowerState(Site site, String machine);

    /** Powers an allocated or deployed machine on. */
    Machine powerOn(Site site, String machine);

    Machine powerOff(Site site, String machine, PowerOffMode mode);

    /** Allocates this Ready machine to Dayshift's MAAS user, provided it carries all {@code tags}. */
    Machine allocate(Site site, String machine, List<String> tags);

    /** Starts deploying with MAAS's default series (allocating first if the machine is Ready). */
    default Machine deploy(Site site, String machine) {
        return deploy(site, machine, "");
    }

    /** Starts deploying the given series ({@code jammy}, {@code ubuntu/noble}); empty for MAAS's default. */
    Machine deploy(Site site, String machine, String distroSeries);

    /** Starts releasing the machine, erasing its disks first when asked. Releasing a Ready or Releasing machine is a no-op. */
    Machine release(Site site, String machine, boolean eraseDisks);
}
