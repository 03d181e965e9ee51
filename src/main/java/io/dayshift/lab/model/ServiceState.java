package io.dayshift.lab.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What every simulated service of a {@link LabSite} reaches through its site: the one lock (each public method of a
 * service holds the site's monitor), the clock and timings, the faults, the counts of changing actions and the site's
 * stable ids. The site is not part of a service's state: a service's state is its other fields, plain data (maps and
 * lists of records, strings, numbers), and what can be derived from them stays derived.
 */
abstract class ServiceState {

    final transient LabSite site;

    ServiceState(LabSite site) {
        this.site = site;
    }

    /** Brings the whole site to the clock's now (every service: an operation may end in one and show in another). */
    final void advance() {
        site.advance();
    }

    final Instant now() {
        return site.now();
    }

    /** When {@code op}, beginning now on {@code target}, ends (recorded in the site's operations). */
    final Instant due(LabOperation op, String target) {
        return site.due(op, target);
    }

    final boolean reached(Instant instant) {
        return site.reached(instant);
    }

    final void count(String action, String target) {
        site.count(action, target);
    }

    final Optional<LabFault> fire(FaultType type, String... candidates) {
        return site.fire(type, candidates);
    }

    final Optional<LabFault> holds(FaultType type, String... candidates) {
        return site.holds(type, candidates);
    }

    final boolean holdsExactly(FaultType type, String candidate) {
        return site.holdsExactly(type, candidate);
    }

    /** A stable id: a name-based UUID within the site. */
    final String uuid(String kind, String key) {
        return site.uuid(kind, key);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
