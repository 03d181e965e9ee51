package io.dayshift.lab.model;

import java.time.Instant;

/** A Glance image of a lab site: {@code status} {@code active}, {@code visibility} {@code public}, formats as Glance names them. */
public record LabImage(String id, String name, String status, String visibility, String diskFormat, String containerFormat, long sizeBytes,
                       String ownerProjectId, Instant createdAt) {
}
