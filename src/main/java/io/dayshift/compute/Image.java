package io.dayshift.compute;

/** A Glance image; {@code status} is e.g. {@code active}, {@code queued}. */
public record Image(String id, String name, String status, String visibility, long sizeBytes) {
}
