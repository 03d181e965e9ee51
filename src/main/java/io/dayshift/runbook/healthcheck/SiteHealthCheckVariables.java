package io.dayshift.runbook.healthcheck;

import io.dayshift.engine.ProcessVariable;
import io.dayshift.engine.RunLog;
import java.util.List;

/**
 * The variables of {@code site-health-check}. Its output contract, which calling runbooks map out of their call activity
 * ({@code <camunda:out source="health" target="…"/>}), is {@link #HEALTH}, {@link #FINDINGS} and {@link #SUMMARY}; it is
 * documented in {@code runbooks/site-health-check.md} and must stay stable.
 */
public final class SiteHealthCheckVariables {

    /** The site's name (start; the only input). */
    public static final ProcessVariable<String> SITE = ProcessVariable.string("site");
    /** Input, optional: true when a RED result is to be told to the site's channels (daily-health-check sets it). */
    public static final ProcessVariable<Boolean> NOTIFY_WHEN_RED = ProcessVariable.bool("notifyWhenRed");
    /** {@code KOLLA} or {@code CHARMED}: which branch the flavour gateway takes. */
    public static final ProcessVariable<String> FLAVOUR = ProcessVariable.string("flavour");
    /** Output: {@code GREEN}, {@code AMBER} or {@code RED} (the worst finding; RED also when the input was rejected). */
    public static final ProcessVariable<String> HEALTH = ProcessVariable.string("health");
    /** Output: every finding, a JSON array of {@code {check, health, subject, message}}, accumulated step by step. */
    public static final ProcessVariable<List<Finding>> FINDINGS = ProcessVariable.list("findings", Finding.class);
    /** Output: one paragraph for people. */
    public static final ProcessVariable<String> SUMMARY = RunLog.SUMMARY;
    /** Kolla sites: on which nodes each key container runs, as the container step saw it, for the log step. */
    public static final ProcessVariable<KeyContainerHosts> KEY_CONTAINER_HOSTS = ProcessVariable.json("keyContainerHosts", KeyContainerHosts.class);

    private SiteHealthCheckVariables() {
    }
}
