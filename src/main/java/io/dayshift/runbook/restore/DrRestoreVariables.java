package io.dayshift.runbook.restore;

import io.dayshift.engine.ProcessVariable;
import io.dayshift.kolla.KollaRunHandle;
import java.util.ArrayList;
import java.util.List;

/** The variables of {@code dr-restore}. Start: {@code site}, {@code backupId}, {@code scope}. */
public final class DrRestoreVariables {

    public static final ProcessVariable<String> SITE = ProcessVariable.string("site");
    public static final ProcessVariable<String> BACKUP_ID = ProcessVariable.string("backupId");
    /** {@code database}, {@code config} or {@code full}. */
    public static final ProcessVariable<String> SCOPE = ProcessVariable.string("scope");

    /** When the run started (the RTO clock), ISO-8601. */
    public static final ProcessVariable<String> STARTED_AT = ProcessVariable.string("restoreStartedAt");
    /** How old the backup's database artefact (or, for a config restore, its config artefact) was at validation, in hours. */
    public static final ProcessVariable<Long> BACKUP_AGE_HOURS = ProcessVariable.number("backupAgeHours");
    public static final ProcessVariable<Long> RPO_HOURS = ProcessVariable.number("rpoHours");
    public static final ProcessVariable<Long> RTO_HOURS = ProcessVariable.number("rtoHours");
    /** {@code Gateway_WithinRpo} reads it. */
    public static final ProcessVariable<Boolean> WITHIN_RPO = ProcessVariable.bool("withinRpo");
    /** What the approval and operator forms show: the backup, its artefacts and the steps. */
    public static final ProcessVariable<String> PLAN = ProcessVariable.string("restorePlan");
    /** The flavour of the site ({@code kolla}, {@code charmed}). */
    public static final ProcessVariable<String> FLAVOUR = ProcessVariable.string("flavour");

    /** Operator tasks: {@code decision} and {@code note}; evidence for the form. */
    public static final ProcessVariable<String> DECISION = ProcessVariable.string("decision");
    public static final ProcessVariable<String> NOTE = ProcessVariable.string("note");
    public static final ProcessVariable<String> EVIDENCE = ProcessVariable.string("evidence");

    /** What the latest escalation said (its acknowledgement form shows it). */
    public static final ProcessVariable<String> ESCALATION = ProcessVariable.string("escalation");

    /** The detached run the next {@code await-kolla-run} waits for; absent when the step started none. */
    public static final ProcessVariable<KollaRunHandle> KOLLA_RUN = ProcessVariable.json("kollaRun", KollaRunHandle.class);
    /** The step whose run is awaited; the call activity's end marks it completed. */
    public static final ProcessVariable<String> AWAITED_STEP = ProcessVariable.string("awaitedStep");
    /** What a failed step said (the error message of the boundary event). */
    public static final ProcessVariable<String> FAILURE = ProcessVariable.string("failure");
    /** 1 for the first pass through the restore, +1 for each retry an ops lead decides. */
    public static final ProcessVariable<Long> ATTEMPT = ProcessVariable.number("restoreAttempt");
    /** An ops lead did not accept a row-count mismatch: {@code Gateway_RestoreAbandoned} reads it. */
    public static final ProcessVariable<Boolean> ABANDONED = ProcessVariable.bool("restoreAbandoned");
    /** Restore steps that ended well (a retry skips them). */
    public static final ProcessVariable<CompletedSteps> COMPLETED = ProcessVariable.json("completedSteps", CompletedSteps.class);

    /** {@code Gateway_RowsMatch} reads it: true only when the counts were compared and differ. */
    public static final ProcessVariable<Boolean> ROWS_MISMATCH = ProcessVariable.bool("rowsMismatch");
    /** The comparison, one line per table. */
    public static final ProcessVariable<String> ROW_CHECK = ProcessVariable.string("rowCheck");

    /** Verification. */
    public static final ProcessVariable<Boolean> SERVICES_OK = ProcessVariable.bool("servicesOk");
    public static final ProcessVariable<String> SERVICE_CHECK = ProcessVariable.string("serviceCheck");
    public static final ProcessVariable<String> TEST_SERVER = ProcessVariable.string("testServer");
    public static final ProcessVariable<String> TEST_DEADLINE = ProcessVariable.string("testInstanceDeadline");
    /** {@code waiting}, {@code active} or {@code failed}; {@code Gateway_TestInstanceDone} reads it. */
    public static final ProcessVariable<String> TEST_OUTCOME = ProcessVariable.string("testInstance");
    public static final ProcessVariable<String> TEST_DETAIL = ProcessVariable.string("testInstanceDetail");
    /** Output: every check passed. */
    public static final ProcessVariable<Boolean> VERIFIED = ProcessVariable.bool("verified");
    /** Output: start to verified, in minutes, and whether that was within the RTO. */
    public static final ProcessVariable<Long> ACHIEVED_RTO_MINUTES = ProcessVariable.number("achievedRtoMinutes");
    public static final ProcessVariable<Boolean> RTO_MET = ProcessVariable.bool("rtoMet");
    /** Output: true once the restore steps ran to their end. */
    public static final ProcessVariable<Boolean> RESTORED = ProcessVariable.bool("restored");
    /** Charmed: the API units the run paused for the database restore (resumed with the controllers' redeploy). */
    public static final ProcessVariable<UnitList> PAUSED_UNITS = ProcessVariable.json("pausedUnits", UnitList.class);
    /** Hand-over notes for what Dayshift does not do on this site (charmed: Juju controller, Vault, Ceph). */
    public static final ProcessVariable<HandOver> HAND_OVER = ProcessVariable.json("handOver", HandOver.class);

    private DrRestoreVariables() {
    }

    /** The ids of the restore steps that ended well. */
    public record CompletedSteps(List<String> steps) {
        public CompletedSteps {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }

        CompletedSteps with(String step) {
            List<String> more = new ArrayList<>(steps);
            if (!more.contains(step)) {
                more.add(step);
            }
            return new CompletedSteps(more);
        }
    }

    /** What an operator must do by hand, one line each. */
    public record HandOver(List<String> notes) {
        public HandOver {
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        HandOver with(String note) {
            List<String> more = new ArrayList<>(notes);
            if (!more.contains(note)) {
                more.add(note);
            }
            return new HandOver(more);
        }
    }

    /** Juju unit names. */
    public record UnitList(List<String> units) {
        public UnitList {
            units = units == null ? List.of() : List.copyOf(units);
        }
    }
}
