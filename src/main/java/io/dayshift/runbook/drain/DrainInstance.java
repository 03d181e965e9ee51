package io.dayshift.runbook.drain;

import java.util.Map;
import java.util.Optional;

/**
 * An instance found on the host to drain, as the run keeps it (JSON): what the planner needs and what the forms show.
 *
 * @param zone              the availability zone it is in, {@code ""} when Nova shows none
 * @param serverGroupId     its server group, {@code ""} when it has none
 * @param serverGroupPolicy the group's policy as Nova names it ({@code anti-affinity}…), {@code ""} when it has none
 * @param pins              the aggregate metadata its flavor's extra specs require of a host ({@code ssd=true}); empty: none
 */
public record DrainInstance(String id, String name, String projectId, String status, String flavorName, Resources flavor, String zone,
                            String serverGroupId, String serverGroupName, String serverGroupPolicy, Map<String, String> pins) {

    public DrainInstance {
        pins = pins == null ? Map.of() : Map.copyOf(pins);
        zone = zone == null ? "" : zone;
        serverGroupId = serverGroupId == null ? "" : serverGroupId;
        serverGroupName = serverGroupName == null ? "" : serverGroupName;
        serverGroupPolicy = serverGroupPolicy == null ? "" : serverGroupPolicy;
    }

    /** The planner's view: it stays in its zone and keeps its group's policy. */
    public Instance toPlanned() {
        Optional<ServerGroup> group = serverGroupId.isEmpty() ? Optional.empty()
                : Optional.of(new ServerGroup(serverGroupId, serverGroupName, ServerGroup.Policy.of(serverGroupPolicy)));
        return new Instance(id, name, flavor, zone.isEmpty() ? Optional.empty() : Optional.of(zone), group, pins);
    }

    /** {@code web-01 (3f2a…)}. */
    public String label() {
        return name + " (" + id + ")";
    }
}
