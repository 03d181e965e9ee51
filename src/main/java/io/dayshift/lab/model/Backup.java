package io.dayshift.lab.model;

import java.time.Instant;

/**
 * A database or controller backup the lab made.
 *
 * @param kind     {@code mariadb-full}, {@code mariadb-incremental}, {@code mysqldump}, {@code juju-controller}
 * @param host     where it lies
 * @param location a file path or {@code volume:mariadb_backup/<file>}
 * @param sha256   hex checksum of its (simulated) content
 */
public record Backup(String id, String kind, String host, String location, Instant takenAt, long sizeBytes, String sha256) {
}
