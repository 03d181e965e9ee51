package io.dayshift.charm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of {@code juju status --format=json} that runbooks use.
 *
 * @param model        the model name
 * @param jujuVersion  the model's agent version ({@code 3.4.2})
 * @param applications by name
 * @param machines     by id, containers included ({@code 3/lxd/1})
 */
public record ModelStatus(String model, String jujuVersion, Map<String, Application> applications, Map<String, Machine> machines) {

    public ModelStatus {
        applications = Map.copyOf(applications);
        machines = Map.copyOf(machines);
    }

    public Optional<Application> application(String name) {
        return Optional.ofNullable(applications.get(name));
    }

    public Optional<Machine> machine(String id) {
        return Optional.ofNullable(machines.get(id));
    }

    /** A principal unit, or a subordinate unit found under its principal. */
    public Optional<Unit> unit(String name) {
        for (Application app : applications.values()) {
            Unit unit = app.units().get(name);
            if (unit != null) {
                return Optional.of(unit);
            }
            for (Unit principal : app.units().values()) {
                Unit sub = principal.subordinates().get(name);
                if (sub != null) {
                    return Optional.of(sub);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a unit can run an action or a command now: its agent is idle or executing (not lost, failed, allocating or
     * rebooting) and its machine is started.
     */
    public boolean canRunCommands(Unit unit) {
        return (unit.agent().is("idle") || unit.agent().is("executing")) && machine(unit.machine()).map(Machine::started).orElse(false);
    }

    /** The charm of a unit's application ({@code mysql-innodb-cluster} for {@code mysql/0}), empty for an unknown unit. */
    public Optional<String> charmOf(String unit) {
        return unit(unit).flatMap(u -> application(u.application())).map(Application::charm);
    }

    /** The principal units hosted on a machine. */
    public List<Unit> unitsOn(String machineId) {
        List<Unit> found = new ArrayList<>();
        applications.values().forEach(app -> app.units().values().stream().filter(u -> u.machine().equals(machineId)).forEach(found::add));
        return found;
    }
}
