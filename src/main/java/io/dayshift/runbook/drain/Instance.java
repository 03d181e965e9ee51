package io.dayshift.runbook.drain;

import java.util.Optional;

/**
 * An instance that has to leave the host.
 *
 * @param zone        the availability zone it was booted into, if it asked for one: it may only move within it
 * @param serverGroup the server group it belongs to, with its policy, if any
 */
public record Instance(String id, String name, Resources flavor, Optional<String> zone, Optional<ServerGroup> serverGroup) {
}
