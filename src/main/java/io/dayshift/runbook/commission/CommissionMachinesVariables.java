package io.dayshift.runbook.commission;

import io.dayshift.engine.ProcessVariable;

/**
 * The variables of {@code commission-machines}. The start form gives {@link #SITE}, {@link #MACHINES}, {@link #TAGS} and
 * optionally {@link #TESTING_SCRIPTS}; the run keeps references ({@link #TARGETS}), never MAAS payloads. Variables marked
 * <em>per machine</em> live in one instance of the multi-instance sub-process and vanish with it.
 */
public final class CommissionMachinesVariables {

    /** The site's name (start). */
    public static final ProcessVariable<String> SITE = ProcessVariable.string("site");
    /** Comma-separated MAAS hostnames or system ids (start). */
    public static final ProcessVariable<String> MACHINES = ProcessVariable.string("machines");
    /** Comma-separated tags to put on the machines that reach Ready (start; may be empty). */
    public static final ProcessVariable<String> TAGS = ProcessVariable.string("tags");
    /** Comma-separated MAAS testing scripts, {@code none} for no tests, empty for MAAS's default (start, optional). */
    public static final ProcessVariable<String> TESTING_SCRIPTS = ProcessVariable.string("testingScripts");

    /** The checked machines, by system id and hostname. */
    public static final ProcessVariable<MachineTargets> TARGETS = ProcessVariable.json("targets", MachineTargets.class);
    /** Per machine: the sub-process instance's machine (the multi-instance element variable). */
    public static final ProcessVariable<MachineTarget> TARGET = ProcessVariable.json("target", MachineTarget.class);
    /** Per machine: {@code hostname (system_id)}, for the operator's form. */
    public static final ProcessVariable<String> MACHINE_NAME = ProcessVariable.string("machineName");
    /** Per machine: until when commissioning may take, an ISO-8601 instant on the engine's clock. */
    public static final ProcessVariable<String> DEADLINE = ProcessVariable.string("commissioningDeadline");
    /** Per machine: what the last check found, one of the {@code OUTCOME_*} values of {@link CommissionMachinesIds}. */
    public static final ProcessVariable<String> OUTCOME = ProcessVariable.string("commissioningOutcome");
    /** Per machine: the MAAS status the last step saw ({@link io.dayshift.machine.MachineStatus} name). */
    public static final ProcessVariable<String> LAST_SEEN_STATUS = ProcessVariable.string("lastSeenStatus");
    /** Per machine: why it needs a decision: the failed scripts with status, exit code and output tail, or MAAS's refusal. */
    public static final ProcessVariable<String> FAILURE_REPORT = ProcessVariable.string("failureReport");

    /** The operator's decision on a failed machine: {@code retry}, {@code mark-broken} or {@code skip}. */
    public static final ProcessVariable<String> DECISION = ProcessVariable.string("decision");
    /** The operator's note (MAAS's error description when the machine is marked broken). */
    public static final ProcessVariable<String> NOTE = ProcessVariable.string("note");

    /** Every machine's outcome. */
    public static final ProcessVariable<MachineOutcomes> OUTCOMES = ProcessVariable.json("outcomes", MachineOutcomes.class);
    /** Every operator decision of the run. */
    public static final ProcessVariable<OperatorDecision.Decisions> DECISIONS = ProcessVariable.json("operatorDecisions",
            OperatorDecision.Decisions.class);

    private CommissionMachinesVariables() {
    }
}
