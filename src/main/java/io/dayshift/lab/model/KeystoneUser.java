package io.dayshift.lab.model;

import java.time.Instant;

/** A Keystone user; {@code lastActiveAt} is Keystone's {@code last_active_at} (a date), {@code null} if never. */
public record KeystoneUser(String id, String name, String domainId, String defaultProjectId, boolean enabled, Instant lastActiveAt) {
}
