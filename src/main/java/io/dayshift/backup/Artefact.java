package io.dayshift.backup;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One backed-up file, made on the host that holds it (its copy on the site's off-host store is an {@link OffHostCopy}):
 * Dayshift records where it is, its size and checksum (both read on the host), never its content.
 *
 * @param kind      what it holds
 * @param host      the host it lies on, as Dayshift reaches it over SSH ({@code 10.0.0.11}, {@code maas-1.example.org})
 * @param path      its absolute path there
 * @param sizeBytes its size ({@code stat -c %s})
 * @param sha256    its hex SHA-256 ({@code sha256sum}), computed on the host
 * @param takenAt   when it was made
 * @param verified  true once the checksum was read again on the host and found equal, and a dump was found readable
 * @param tableRows row counts of key tables at backup time ({@code nova.instances}, {@code keystone.project}…), for a
 *                  restore to compare with; empty for configuration artefacts
 * @param builtOn   an incremental MariaDB backup: the id of the set whose full backup it builds on (the newest full taken
 *                  before it, as Kolla's backup names its base); null for every other artefact
 */
public record Artefact(ArtefactKind kind, String host, String path, long sizeBytes, String sha256, Instant takenAt, boolean verified,
                       Map<String, Long> tableRows, String builtOn) {

    public Artefact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(takenAt, "takenAt");
        tableRows = tableRows == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tableRows));
    }

    /** An artefact that builds on no other (all but an incremental MariaDB backup). */
    public Artefact(ArtefactKind kind, String host, String path, long sizeBytes, String sha256, Instant takenAt, boolean verified,
                    Map<String, Long> tableRows) {
        this(kind, host, path, sizeBytes, sha256, takenAt, verified, tableRows, null);
    }

    /** The same artefact, verified (or found not to be). */
    public Artefact withVerified(boolean ok) {
        return new Artefact(kind, host, path, sizeBytes, sha256, takenAt, ok, tableRows, builtOn);
    }

    /** The same incremental artefact, building on the full backup of set {@code setId}. */
    public Artefact withBase(String setId) {
        return new Artefact(kind, host, path, sizeBytes, sha256, takenAt, verified, tableRows, setId);
    }
}
