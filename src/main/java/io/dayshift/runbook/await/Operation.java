package io.dayshift.runbook.await;

import java.util.Map;
import java.util.Objects;

/**
 * A long operation a runbook started and now awaits: a kolla-ansible run, a Juju unit settling, a MAAS deployment, a live
 * migration, an instance booting. The {@link #kind} names the {@link OperationProbe} that looks at it; the {@link #handle}
 * is the reference that probe needs (a run id, a system id, a server id), never an API payload.
 *
 * @param kind        the probe's kind, e.g. {@code kolla-run}
 * @param site        the site it runs on
 * @param target      what it changes, as people name it (a host, a unit, an instance)
 * @param description what it is, in words, for the operator's decision and the run log
 * @param handle      the probe's reference, as strings
 */
public record Operation(String kind, String site, String target, String description, Map<String, String> handle) {

    public Operation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(site, "site");
        target = target == null ? "" : target;
        Objects.requireNonNull(description, "description");
        handle = handle == null ? Map.of() : Map.copyOf(handle);
    }

    /** A handle entry the probe needs, or an {@link IllegalStateException} naming the operation. */
    public String require(String key) {
        String value = handle.get(key);
        if (value == null) {
            throw new IllegalStateException("operation '" + description + "' (" + kind + ") has no '" + key + "' in its handle");
        }
        return value;
    }
}
