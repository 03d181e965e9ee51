package io.dayshift.charm;

import io.dayshift.site.Site;
import java.util.List;
import java.util.Map;

/**
 * What runbooks need of a charmed site's Juju model (the site's {@code juju.model}, driven on its Juju host).
 * Every operation is one short CLI call or a few: waiting for a unit is a {@link #checkUnit check} the process
 * repeats behind a timer, never a blocking wait.
 */
public interface CharmModel {

    /** The model's applications, units and machines. */
    ModelStatus status(Site site);

    /**
     * Adds a unit of {@code application} on a new MAAS machine carrying {@code maasTag}. A machine created for this
     * by an earlier attempt (constraint {@code tags=<maasTag>}, no unit yet, not failed) is reused, so a repeated
     * call does not allocate a second machine.
     *
     * @return the new unit and its machine; check it with {@link #checkUnit} until READY
     */
    NewUnit addUnit(Site site, String application, String maasTag);

    /** One look: is this unit, its machine and its subordinates started and active/idle? */
    UnitCheck checkUnit(Site site, String unit);

    /**
     * Moves {@code application} to {@code channel} ({@code juju refresh}).
     *
     * @return false when the application already tracks that channel (nothing was done)
     */
    boolean refresh(Site site, String application, String channel);

    /** Sets one configuration option of an application. */
    void setConfig(Site site, String application, String key, String value);

    /**
     * Runs a charm action on a unit and waits for its result (bounded by {@code dayshift.adapters.juju.action-timeout}).
     *
     * @throws ActionFailedException when the action does not complete successfully, naming the unit and its message
     */
    ActionResult runAction(Site site, String unit, String action, Map<String, String> parameters);

    /**
     * Maps every nova-compute host not mapped yet to its cell: {@code nova-manage cell_v2 discover_hosts --verbose} on the
     * nova-cloud-controller leader ({@code juju exec}; {@code juju run --unit} on 2.9). The charm has no action for it (it maps
     * the computes itself when their cloud-compute relation joins); running it makes sure and is safe to repeat.
     *
     * @throws CharmModelException when there is no nova-cloud-controller leader that can run commands, or the command fails
     */
    CellDiscovery discoverComputeHosts(Site site);

    /** The OpenStack charms' {@code pause} action. */
    default ActionResult pause(Site site, String unit) {
        return runAction(site, unit, "pause", Map.of());
    }

    /** The OpenStack charms' {@code resume} action. */
    default ActionResult resume(Site site, String unit) {
        return runAction(site, unit, "resume", Map.of());
    }

    /**
     * Removes a unit.
     *
     * @return false when the unit was already gone
     */
    boolean removeUnit(Site site, String unit);

    /**
     * Restarts the services of a unit the way its charm provides ({@link CharmRestarts}): its {@code restart-services} action
     * with the services it declares, else its {@code pause} then {@code resume} actions, else {@code systemctl restart} of the
     * systemd units it declares through {@code juju exec --unit <unit>} (Juju 3; {@code juju run --unit} on 2.9). Looks first:
     * a unit left paused by an earlier try is only resumed.
     *
     * @return what was run and what it printed
     * @throws CharmModelException when the unit does not exist, Dayshift does not restart its charm, the unit {@link
     *                             ModelStatus#canRunCommands cannot run commands}, or a command fails
     */
    UnitRestart restartUnitServices(Site site, String unit);

    /**
     * The newest {@code lines} log lines at ERROR level or above of the model's agents and units, oldest first:
     * {@code juju debug-log -m <model> --no-tail --level ERROR --limit <lines>} (Juju 2.9 and 3.x), each line as Juju prints
     * it ({@code unit-keystone-0: 10:12:13 ERROR unit.keystone/0.juju-log …}), redacted.
     */
    List<String> errorLog(Site site, int lines);

    /** Backs up the controller and downloads the archive onto the Juju host. */
    ControllerBackup createControllerBackup(Site site);

    // ---- add-compute-node ----------------------------------------------------------------------

    /**
     * Adds a unit of {@code application} on one named MAAS machine: {@code juju add-machine <maasHostname> --constraints
     * tags=<maasTag>} (on MAAS a placement without {@code =} is a node name; the tag constraint makes MAAS refuse a machine
     * that lost its tag) then {@code juju add-unit <application> --to <machine>}, never {@code --constraints} on add-unit.
     * Safe to repeat: a unit of the application already on that MAAS machine is returned as it is, and an empty machine
     * of the model on it (or a tagged one still pending, not yet given a MAAS machine) is reused.
     *
     * @return the unit and its Juju machine; check it with {@link #checkUnit} until READY
     */
    NewUnit addUnitOnMachine(Site site, String application, String maasHostname, String maasTag);

    /**
     * Removes an empty machine from the model ({@code juju remove-machine}); on MAAS, Juju releases it.
     *
     * @return false when the machine was already gone
     * @throws CharmModelException when units still run on it
     */
    boolean removeMachine(Site site, String machine);
}
