package io.dayshift.alert;

import io.dayshift.engine.ProcessVariable;

/**
 * What an alert hands to the runbook it starts, and the message that tells the run the alert is over.
 * Only what Alertmanager sent about the alert, never anything secret.
 */
public final class AlertVariables {

    public static final ProcessVariable<String> SITE = ProcessVariable.string("site");
    /** {@code annotations.summary} (or the alert's name) as a headline: one line of at most {@link #HEADLINE} characters. */
    public static final ProcessVariable<String> SUMMARY = ProcessVariable.string("summary");
    /** The most a summary handed to a run holds: a runbook takes it as its headline. */
    public static final int HEADLINE = 200;
    public static final ProcessVariable<String> ALERTNAME = ProcessVariable.string("alertname");
    /** The {@code severity} label, or empty. */
    public static final ProcessVariable<String> SEVERITY = ProcessVariable.string("severity");
    public static final ProcessVariable<String> FINGERPRINT = ProcessVariable.string("fingerprint");
    /** RFC 3339, in UTC. */
    public static final ProcessVariable<String> STARTS_AT = ProcessVariable.string("startsAt");
    /** The alert's labels as one JSON object of strings. */
    public static final ProcessVariable<String> LABELS = ProcessVariable.string("labels");

    /**
     * The alert's occurrence ({@code alert:<fingerprint>:<startsAt>}): the message {@link #MESSAGE_ALERT_RESOLVED} finds its run
     * by it. The run's business key is its readable name ({@code sev1 lab: …}), which Dayshift gives every run.
     */
    public static final ProcessVariable<String> ALERT_KEY = ProcessVariable.string("alertKey");

    /** Correlated by {@link #ALERT_KEY} when Alertmanager reports the alert resolved. */
    public static final String MESSAGE_ALERT_RESOLVED = "AlertResolved";

    private AlertVariables() {
    }
}
