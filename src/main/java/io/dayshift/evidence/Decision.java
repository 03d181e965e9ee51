package io.dayshift.evidence;

import java.util.Objects;

/**
 * A decision people took about a run, journaled where the engine records it: an approval ({@value #APPROVAL}), an
 * operator's decision ({@value #OPERATOR}) or an emergency calendar override ({@value #OVERRIDE}).
 *
 * @param kind        {@value #APPROVAL}, {@value #OPERATOR} or {@value #OVERRIDE}
 * @param by          who decided (the approver; for an override, who granted it)
 * @param decision    what they decided ("approved", "rejected", an operator's choice, "override used by …")
 * @param target      what it is about (the site, a machine, a host)
 * @param reason      their reason, in their own words
 * @param fingerprint the fingerprint of the plan they were shown; empty when the step has no plan
 */
public record Decision(String kind, String by, String decision, String target, String reason, String fingerprint) {

    public static final String APPROVAL = "APPROVAL";
    public static final String OPERATOR = "OPERATOR_DECISION";
    public static final String OVERRIDE = "CALENDAR_OVERRIDE";

    public Decision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(decision, "decision");
        target = target == null ? "" : target;
        reason = reason == null ? "" : reason;
        fingerprint = fingerprint == null ? "" : fingerprint;
    }
}
