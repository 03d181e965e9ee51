package io.dayshift.runbook.drain;

import java.util.Map;
import java.util.Optional;

/**
 * An instance that has to leave the host.
 *
 * @param zone        the availability zone it was booted into, if it asked for one: it may only move within it
 * @param serverGroup the server group it belongs to, with its policy, if any
 * @param pins        the aggregate metadata its flavor's extra specs require of a host ({@link AggregatePins}); empty: none
 */
public record Instance(String id, String name, Resources flavor, Optional<String> zone, Optional<ServerGroup> serverGroup, Map<String, String> pins) {

    public Instance {
        pins = pins == null ? Map.of() : Map.copyOf(pins);
    }

    public Instance(String id, String name, Resources flavor, Optional<String> zone, Optional<ServerGroup> serverGroup) {
        this(id, name, flavor, zone, serverGroup, Map.of());
    }
}
