package io.dayshift.compute;

import java.util.Optional;

/** A Keystone user. Keystone's API has no "last active" date; it is not here for that reason. */
public record CloudUser(String id, String name, String domainId, boolean enabled, Optional<String> defaultProjectId) {
}
