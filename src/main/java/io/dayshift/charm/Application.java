package io.dayshift.charm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An application of the model.
 *
 * @param name            {@code nova-compute}
 * @param charm           the charm name ({@code mysql-innodb-cluster} for application {@code mysql})
 * @param channel         {@code ussuri/stable}; {@code ""} for local charms
 * @param revision        the charm revision, {@code -1} if not shown
 * @param canUpgradeTo    {@code ch:amd64/focal/nova-compute-671}, or {@code ""} when no newer revision exists
 * @param status          the application status
 * @param workloadVersion {@code 21.2.4}, {@code ""} if none
 * @param subordinateTo   the principals of a subordinate application (empty for principals)
 * @param relations       endpoint to related applications (both status formats of Juju 2.9 and 3.x)
 * @param units           principal units by name (empty for subordinate applications: their units are under principals)
 */
public record Application(String name, String charm, String channel, int revision, String canUpgradeTo, EntityStatus status,
                          String workloadVersion, List<String> subordinateTo, Map<String, List<String>> relations, Map<String, Unit> units) {

    public Application {
        subordinateTo = List.copyOf(subordinateTo);
        relations = Map.copyOf(relations);
        units = Map.copyOf(units);
    }

    public boolean subordinate() {
        return !subordinateTo.isEmpty();
    }

    /** The leader unit: where actions that act on the whole application run. */
    public Optional<Unit> leader() {
        return units.values().stream().filter(Unit::leader).findFirst();
    }

    public Optional<String> upgradeAvailable() {
        return canUpgradeTo.isEmpty() ? Optional.empty() : Optional.of(canUpgradeTo);
    }
}
