package io.dayshift.evidence;

import java.time.Instant;

/**
 * One entry of a run's journal, as stored: the {@code seq}-th entry of run {@code run} (from 1, no gaps), linked to the
 * one before by {@code previousHash} ({@link Chains#GENESIS} for the first) and sealed by {@code hash} =
 * SHA-256 over its content and {@code previousHash} ({@link Chains#hash(Entry)}).
 *
 * @param run          the run (the outermost process instance of the call chain)
 * @param seq          its place in the run's chain, from 1
 * @param at           when it was recorded (engine clock, millisecond precision)
 * @param kind         {@value #CALL}, {@value #CALL_NOT_COMMITTED}, a {@link Decision} kind, {@value #JOB_FAILED},
 *                     {@value #INCIDENT_CREATED}, {@value #INCIDENT_RESOLVED}, {@value #INCIDENT_DELETED} or {@value #RUN_ENDED}
 * @param origin       who made it: a tool ({@link Call#SSH} …), {@value #ENGINE}, or a person's role in it ({@value #PEOPLE})
 * @param step         the BPMN element id of the step
 * @param target       what it acted on (host, machine, server, unit) or is about
 * @param action       what was done: the command line as sent, the method and path, the decision
 * @param outcome      how it ended: exit code, HTTP status, recap, who decided
 * @param detail       the redacted end of the output, the reason given, the failure message
 * @param previousHash the hash of the entry before
 * @param hash         this entry's hash
 */
public record Entry(String run, long seq, Instant at, String kind, String origin, String step, String target, String action,
                    String outcome, String detail, String previousHash, String hash) {

    public static final String CALL = "CALL";
    public static final String CALL_NOT_COMMITTED = "CALL_NOT_COMMITTED";
    public static final String JOB_FAILED = "JOB_FAILED";
    public static final String INCIDENT_CREATED = "INCIDENT_CREATED";
    public static final String INCIDENT_RESOLVED = "INCIDENT_RESOLVED";
    public static final String INCIDENT_DELETED = "INCIDENT_DELETED";
    public static final String RUN_ENDED = "RUN_ENDED";
    public static final String ENGINE = "engine";
    public static final String PEOPLE = "people";

    /** The same entry sealed into a chain: its place, its link to the entry before and its own hash. */
    Entry sealed(long seq, String previousHash) {
        Entry linked = new Entry(run, seq, at, kind, origin, step, target, action, outcome, detail, previousHash, "");
        return new Entry(run, seq, at, kind, origin, step, target, action, outcome, detail, previousHash, Chains.hash(linked));
    }
}
