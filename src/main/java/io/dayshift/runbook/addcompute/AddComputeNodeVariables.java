package io.dayshift.runbook.addcompute;

import io.dayshift.engine.ProcessVariable;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.runbook.healthcheck.Finding;
import java.util.List;

/**
 * The variables of {@code add-compute-node}. The start form gives {@link #SITE}, {@link #MACHINE} and optionally
 * {@link #AVAILABILITY_ZONE}; the run keeps references (a MAAS system id, a Juju unit, a server id, a kolla run's
 * handle), never API payloads.
 */
public final class AddComputeNodeVariables {

    /** The site's name (start). */
    public static final ProcessVariable<String> SITE = ProcessVariable.string("site");
    /** The MAAS hostname of the machine to add (start); it becomes the compute host's name. */
    public static final ProcessVariable<String> MACHINE = ProcessVariable.string("machine");
    /** The Nova availability zone the host must join (start, optional: empty for the zone of its MAAS machine). */
    public static final ProcessVariable<String> AVAILABILITY_ZONE = ProcessVariable.string("availabilityZone");

    /** {@code KOLLA} or {@code CHARMED}: the gateways choose the path by it. */
    public static final ProcessVariable<String> FLAVOUR = ProcessVariable.string("flavour");
    /** The machine's MAAS system id. */
    public static final ProcessVariable<String> SYSTEM_ID = ProcessVariable.string("systemId");
    /** The availability zone the new host joins: the start form's, or its MAAS zone. */
    public static final ProcessVariable<String> ZONE = ProcessVariable.string("zone");
    /** The machine's capacity as MAAS reports it, e.g. {@code 32 CPU threads, 131072 MiB RAM, 1800 GB disk}. */
    public static final ProcessVariable<String> CAPACITY = ProcessVariable.string("capacity");
    /** The machine's CPU threads and RAM, which the new hypervisor must report. */
    public static final ProcessVariable<Long> CPU_COUNT = ProcessVariable.number("cpuCount");
    public static final ProcessVariable<Long> MEMORY_MIB = ProcessVariable.number("memoryMib");
    /** The plan the approvers read. */
    public static final ProcessVariable<String> PLAN = ProcessVariable.string("plan");

    /** The site health check's verdict (GREEN, AMBER, RED), findings and summary (out of {@code site-health-check}). */
    public static final ProcessVariable<String> HEALTH = ProcessVariable.string("health");
    public static final ProcessVariable<List<Finding>> HEALTH_FINDINGS = ProcessVariable.list("healthFindings", Finding.class);
    public static final ProcessVariable<String> HEALTH_SUMMARY = ProcessVariable.string("healthSummary");
    /** The findings as text for the forms and the summary. */
    public static final ProcessVariable<String> HEALTH_REPORT = ProcessVariable.string("healthReport");

    /** Charmed: the new unit and its Juju machine. */
    public static final ProcessVariable<String> UNIT = ProcessVariable.string("unit");
    public static final ProcessVariable<String> JUJU_MACHINE = ProcessVariable.string("jujuMachine");

    /** Kolla: which of the kolla-ansible actions runs now (0, 1, 2), and the handle of its detached run. */
    public static final ProcessVariable<Long> KOLLA_STEP = ProcessVariable.number("kollaStep");
    public static final ProcessVariable<KollaRunHandle> KOLLA_RUN = ProcessVariable.json("kollaRun", KollaRunHandle.class);
    /** How many times the deployment was started (1, then one more per operator retry); part of every run id. */
    public static final ProcessVariable<Long> ATTEMPT = ProcessVariable.number("attempt");

    /** Until when the current wait may last, an ISO-8601 instant on the engine's clock. */
    public static final ProcessVariable<String> DEADLINE = ProcessVariable.string("deadline");
    /** What the last check found, one of the {@code OUTCOME_*} values of {@link AddComputeNodeIds}. */
    public static final ProcessVariable<String> CHECK_OUTCOME = ProcessVariable.string("checkOutcome");
    /** What the current wait is for, for the operator: {@code unit nova-compute/7 active/idle}. */
    public static final ProcessVariable<String> STAGE = ProcessVariable.string("stage");
    /** Why the run needs an operator: what failed or what did not happen in time, with the evidence. */
    public static final ProcessVariable<String> FAILURE_REPORT = ProcessVariable.string("failureReport");

    /** The smoke-test server's id. */
    public static final ProcessVariable<String> SMOKE_SERVER = ProcessVariable.string("smokeServerId");

    /** The operator's decision after a failure ({@code retry}, {@code roll-back}) and note. */
    public static final ProcessVariable<String> DECISION = ProcessVariable.string("decision");
    public static final ProcessVariable<String> NOTE = ProcessVariable.string("note");

    private AddComputeNodeVariables() {
    }
}
