package io.dayshift.evidence.pack;

import java.util.List;

/**
 * The evidence pack of one run, for an auditor: what ran, where, who started it and how, with what inputs, what plan was
 * approved by whom, every call that reached the site with its outcome, every failure and incident, the site's health before
 * and after, the run's timings against its runbook's limits, its result, and whether its journal's chain is intact. Read
 * from the engine's history and the evidence journal; for a run still going, as far as it has come. Its JSON form is
 * specified in {@code docs/evidence-pack.md} and {@code docs/evidence-pack.schema.json}; times are ISO-8601 instants in
 * UTC, a missing one {@code null}.
 *
 * @param schema       {@value #SCHEMA}: the version of this shape
 * @param run          the run's id (the engine's process instance id)
 * @param runbook      the runbook and its deployed version
 * @param site         the site it ran on ({@code -} for none)
 * @param state        the engine's state: {@code ACTIVE}, {@code SUSPENDED}, {@code COMPLETED}, {@code EXTERNALLY_TERMINATED}
 *                     or {@code INTERNALLY_TERMINATED}
 * @param start        who started it, how, when
 * @param endedAt      when it ended; null while it runs
 * @param inputs       the variables it was started with, secrets withheld
 * @param plans        each approval step's plan and the fingerprint its approvers approved
 * @param decisions    each approval and decision people took, from the journal
 * @param calls        each call that reached the site, from the journal
 * @param failures     failed jobs (retries) and incidents, from the journal
 * @param incidents    the run's incidents as the engine's history keeps them
 * @param health       the site's health as the run saw it, before and after
 * @param limits       the runbook's limits: its timers, when they were due and whether they fired; its limit variables
 * @param steps        the run's steps (activity instances) in order, with their timings
 * @param result       how it ended: end event and summary
 * @param verification whether the run's journal chain is intact
 */
public record EvidencePack(String schema, String run, Runbook runbook, String site, String state, Start start, String endedAt,
                           List<Value> inputs, List<Plan> plans, List<Decision> decisions, List<Call> calls, List<Failure> failures,
                           List<Incident> incidents, List<Health> health, Limits limits, List<Step> steps, Result result,
                           Verification verification) {

    public static final String SCHEMA = "dayshift-evidence-pack/1";

    /** The runbook: its key (process definition key), name, deployed version (the engine's) and version tag. */
    public record Runbook(String key, String name, int version, String versionTag, String definitionId) {
    }

    /**
     * How the run started.
     *
     * @param at         when
     * @param by         the person the engine recorded as starting it; null for a timer or an alert
     * @param how        {@value #PERSON} (from Tasklist or over REST: the engine records the person, not the client),
     *                   {@value #TIMER}, {@value #ALERT}, or {@value #ENGINE} (started by another run)
     * @param startEvent the start event's id and name
     * @param alert      for a start by an alert, the alert; else null
     * @param calledBy   the run that started it, for a run started by another; else null
     */
    public record Start(String at, String by, String how, Element startEvent, Alert alert, String calledBy) {
        public static final String PERSON = "person";
        public static final String TIMER = "timer";
        public static final String ALERT = "alert";
        public static final String ENGINE = "engine";
    }

    /** A BPMN element: its id and its name. */
    public record Element(String id, String name) {
    }

    /** The alert that started a run, as Alertmanager sent it. */
    public record Alert(String alertname, String fingerprint, String severity, String startsAt) {
    }

    /** A variable's name and its value as text (a record as its JSON). */
    public record Value(String name, String value) {
    }

    /**
     * The plan an approval step showed.
     *
     * @param step        the approval step (user task id)
     * @param name        its name
     * @param variables   the variables that make up the plan, with their values now
     * @param approved    the fingerprint of the plan the step's last approval approved; null when none was approved
     * @param approvedBy  who approved that plan
     */
    public record Plan(String step, String name, List<Value> variables, String approved, List<String> approvedBy) {
    }

    /** A decision people took, as journaled: entry {@code seq}, its kind, step, what was decided, by whom (and which plan), why. */
    public record Decision(long seq, String at, String kind, String step, String target, String decision, String by, String reason) {
    }

    /** A call to the site, as journaled: which tool, on what, what was sent, how it ended, the end of its answer. */
    public record Call(long seq, String at, String origin, String step, String target, String action, String outcome, String detail,
                       boolean committed) {
    }

    /** A failed job or an incident created, resolved or deleted, as journaled. */
    public record Failure(long seq, String at, String kind, String step, String action, String outcome, String detail) {
    }

    /** An incident of the run in the engine's history: open or resolved or deleted, where and why. */
    public record Incident(String step, String type, String message, String createdAt, String endedAt, String state) {
    }

    /** A health verdict or summary the run kept ({@code before} acting, or {@code after}). */
    public record Health(String phase, String name, String value) {
    }

    /** The runbook's limits: its timers and the variables that state a limit or how the run kept it. */
    public record Limits(List<Timer> timers, List<Value> values) {
    }

    /**
     * A timer of the runbook's model.
     *
     * @param id         its element id
     * @param name       its name
     * @param expression how the model defines it (a date, a duration)
     * @param dueAt      when it was (last) due in this run; null when the run never reached it
     * @param firedAt    when it fired; null when it did not
     */
    public record Timer(String id, String name, String expression, String dueAt, String firedAt) {
    }

    /** A step (activity instance) of the run: which element, of what type, from when to when. */
    public record Step(String id, String name, String type, String startedAt, String endedAt, Long millis) {
    }

    /** How the run ended: its end event (null while it runs) and its summary line. */
    public record Result(Element endEvent, String summary) {
    }

    /**
     * The chain verification of the run's journal.
     *
     * @param intact   whether every entry matches its hash, its link and its head (and, once ended, the site chain)
     * @param checked  how many entries were recomputed
     * @param mismatch the first entry that does not match, in words; null when intact
     * @param entries  how many entries the journal holds
     * @param lastHash the hash of its last entry
     */
    public record Verification(boolean intact, long checked, Mismatch mismatch, long entries, String lastHash) {
    }

    /** The first entry that does not match: its chain, place, step and what differs. */
    public record Mismatch(String chain, long seq, String step, String what) {
    }
}
