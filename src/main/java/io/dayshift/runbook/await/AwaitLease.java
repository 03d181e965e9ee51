package io.dayshift.runbook.await;

import io.dayshift.engine.ProcessVariable;

/**
 * {@code processes/await-lease.bpmn}, the one way a running run waits for what another run holds: its key, element ids and
 * variables. A runbook that needs a lease later than at its start (the hosts of a later batch) calls it with what it
 * needs; the lease is taken for the run that owns the caller's leases (the rolling upgrade), which keeps it until it ends. When another run holds it,
 * an ops lead sees the wait in Tasklist, named after what is held, by which run, who started it and since when; Dayshift
 * takes the lease and goes on by itself as soon as it is free ({@code io.dayshift.lease.LeaseWaits}), and the ops lead may give up instead.
 * Its steps are the leases' own ({@code io.dayshift.lease}).
 * <pre>{@code
 * <bpmn:callActivity id="Task_TakeBatchHosts" calledElement="await-lease" camunda:asyncBefore="true">
 *   <camunda:in source="site" target="site"/>
 *   <camunda:in sourceExpression="host:hosts" target="leases"/>     (as a process's leases property says it)
 *   <camunda:in sourceExpression="${batch.hostNames()}" target="hosts"/>
 *   <camunda:out source="leasesTaken" target="leasesTaken"/>
 *   <camunda:out source="decision" target="decision"/>  (and decidedBy, note: who gave up, why)
 * }</pre>
 */
public final class AwaitLease {

    public static final String PROCESS_KEY = "await-lease";

    public static final String TAKE = "Task_TakeLeases";
    public static final String WAIT = "Task_WaitForLease";
    public static final String START_EVENT = "StartEvent_LeasesNeeded";
    public static final String TAKEN_GATEWAY = "Gateway_LeasesTaken";
    public static final String TAKEN_END = "EndEvent_LeasesTaken";
    public static final String GIVE_UP_GATEWAY = "Gateway_GiveUp";
    public static final String GIVEN_UP_END = "EndEvent_GivenUp";

    /** The decision that ends the wait without the lease. */
    public static final String GIVE_UP = "give-up";

    /** What to take (in), as a process's {@code leases} property says it, e.g. {@code host:hosts}. */
    public static final ProcessVariable<String> LEASES = ProcessVariable.string("leases");
    /** Whether it was taken (out). */
    public static final ProcessVariable<Boolean> TAKEN = ProcessVariable.bool("leasesTaken");
    /** The keys of the targets wanted, with commas, e.g. {@code host:lab:cn03,host:lab:cn04}. */
    public static final ProcessVariable<String> WANTED = ProcessVariable.string("leasesWanted");
    /** The run the leases are taken for: the outermost run of the call chain that declares leases. */
    public static final ProcessVariable<String> OWNER = ProcessVariable.string("leasesOwner");
    /** What is in the way: "Waiting for cn03 on lab, held by …"; empty once taken. */
    public static final ProcessVariable<String> WAITING_FOR = ProcessVariable.string("waitingFor");

    private AwaitLease() {
    }
}
