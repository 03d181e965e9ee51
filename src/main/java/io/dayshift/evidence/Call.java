package io.dayshift.evidence;

import java.util.Objects;

/**
 * One call that reached a site, as the adapter that made it saw it: which tool ({@code origin}: {@value #SSH},
 * {@value #MAAS}, {@value #OPENSTACK}, {@value #KOLLA}, {@value #JUJU}), on what ({@code target}: a host, a machine, a
 * server, a unit, an endpoint), what was sent ({@code action}: the command line, the method and path), how it ended
 * ({@code outcome}: an exit code, an HTTP status, a recap) and the end of what it answered ({@code detail}). The journal
 * masks every known secret in all of them once more and keeps only the end of a long detail.
 */
public record Call(String origin, String target, String action, String outcome, String detail) {

    public static final String SSH = "ssh";
    public static final String MAAS = "maas";
    public static final String OPENSTACK = "openstack";
    public static final String KOLLA = "kolla";
    public static final String JUJU = "juju";

    public Call {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(action, "action");
        target = target == null ? "" : target;
        outcome = outcome == null ? "" : outcome;
        detail = detail == null ? "" : detail;
    }
}
