package io.dayshift.audit;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

/**
 * What a run came to, as auditors sort runs: still running, succeeded (ended at its runbook's success end event), refused
 * or failed (its input or plan was refused, or what it checks or does did not hold), or ended otherwise (stopped, rolled
 * back, handed over, cancelled). Each end event of every runbook is named once here, by its BPMN id; a model test keeps
 * the lists and the models in step, so that a new end event needs a decision where it belongs.
 */
final class RunOutcomes {

    /** The end events a runbook reaches when it did what it was started for. */
    static final Set<String> SUCCEEDED = Set.of("EndEvent_ComputeNodeAdded", "EndEvent_SiteBackedUp", "EndEvent_MachinesCommissioned",
            "EndEvent_DailyBackupDone", "EndEvent_DailyCheckDone", "EndEvent_SiteRestored", "EndEvent_HostDrained",
            "EndEvent_HostReturnedToService", "EndEvent_SiteUpgraded", "EndEvent_IncidentClosed", "EndEvent_SiteGreen");
    /** Refused (its input, its plan or a data loss not accepted) or failed (a check or the work did not hold). */
    static final Set<String> REFUSED_OR_FAILED = Set.of("EndEvent_InputRejected", "EndEvent_AdditionRejected", "EndEvent_PlanRejected",
            "EndEvent_DataLossRejected", "EndEvent_RestoreRejected", "EndEvent_SiteUnhealthy", "EndEvent_NotEnoughCapacity",
            "EndEvent_HostNotEmpty", "EndEvent_ServiceNotReady", "EndEvent_InfrastructureNotReady", "EndEvent_BackupIncomplete",
            "EndEvent_SiteNotGreen", "EndEvent_SiteRed");
    /** Ended at another end: stopped, rolled back, aborted, handed over, a partial result. */
    static final Set<String> ENDED_OTHERWISE = Set.of("EndEvent_AdditionRolledBack", "EndEvent_DrainAborted", "EndEvent_HostKeptDisabled",
            "EndEvent_RestoreAbandoned", "EndEvent_RestoredNotVerified", "EndEvent_UpgradeStopped", "EndEvent_UpgradeRolledBack",
            "EndEvent_UpgradeHandedOver", "EndEvent_OverrunAcknowledged", "EndEvent_OverrunKnown", "EndEvent_SiteAmber");

    static final Set<String> ALL = Stream.of(SUCCEEDED, REFUSED_OR_FAILED, ENDED_OTHERWISE).flatMap(Set::stream)
            .collect(Collectors.toUnmodifiableSet());

    /** The states a run can be filtered by; {@code parameter} is the filter's value. */
    enum State {
        RUNNING("running", "running"),
        SUCCEEDED("succeeded", "succeeded"),
        REFUSED_OR_FAILED("failed", "refused or failed"),
        ENDED_OTHERWISE("other", "ended otherwise"),
        INCIDENT("incident", "with an open incident");

        final String parameter;
        final String label;

        State(String parameter, String label) {
            this.parameter = parameter;
            this.label = label;
        }
    }

    private RunOutcomes() {
    }

    /** The run's state by its record (an open incident is shown beside it, not instead of it). */
    static State of(HistoricProcessInstance run) {
        if (run.getEndTime() == null) {
            return State.RUNNING;
        }
        String end = run.getEndActivityId();
        if (HistoricProcessInstance.STATE_COMPLETED.equals(run.getState()) && end != null) {
            if (SUCCEEDED.contains(end)) {
                return State.SUCCEEDED;
            }
            if (REFUSED_OR_FAILED.contains(end)) {
                return State.REFUSED_OR_FAILED;
            }
        }
        return State.ENDED_OTHERWISE;
    }
}
