package io.dayshift.runbook;

import io.dayshift.engine.ProcessVariable;

/**
 * The variables every runbook shares, named once: what the start form gives (the site), who started the run, the
 * site's flavour, the operator's decision and note, and what a called {@code site-health-check} returns. A runbook's own
 * variables are in its runbook class ({@code AddComputeNode.Variables}, …).
 */
public final class RunVariables {

    /** The site's name (start form). */
    public static final ProcessVariable<String> SITE = ProcessVariable.string("site");
    /** Who started the run ({@code camunda:initiator}). */
    public static final ProcessVariable<String> INITIATOR = ProcessVariable.string("initiator");
    /** {@code KOLLA} or {@code CHARMED}: the gateways choose the path by it. */
    public static final ProcessVariable<String> FLAVOUR = ProcessVariable.string("flavour");
    /** An operator's decision and why ({@link RecordDecisionListener}). */
    public static final ProcessVariable<String> DECISION = RecordDecisionListener.DECISION;
    public static final ProcessVariable<String> NOTE = RecordDecisionListener.NOTE;
    /** Every operator decision of the run, in order. */
    public static final ProcessVariable<OperatorDecision.Decisions> OPERATOR_DECISIONS = ProcessVariable.json("operatorDecisions",
            OperatorDecision.Decisions.class);
    public static final ProcessVariable<String> DECIDED_BY = RecordDecisionListener.DECIDED_BY;

    /** Out of {@code site-health-check}: the verdict (GREEN, AMBER, RED) and its summary (its findings: {@code SiteHealthCheck}). */
    public static final ProcessVariable<String> HEALTH = ProcessVariable.string("health");
    public static final ProcessVariable<String> HEALTH_SUMMARY = ProcessVariable.string("healthSummary");

    private RunVariables() {
    }
}
