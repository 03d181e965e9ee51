package io.dayshift.metrics;

import io.dayshift.runbook.addcompute.AddComputeNode;
import io.dayshift.runbook.backup.BackupSite;
import io.dayshift.runbook.backup.DailyBackup;
import io.dayshift.runbook.commission.CommissionMachines;
import io.dayshift.runbook.drain.DrainComputeNode;
import io.dayshift.runbook.drain.ReturnComputeNode;
import io.dayshift.runbook.healthcheck.DailyHealthCheck;
import io.dayshift.runbook.healthcheck.SiteHealthCheck;
import io.dayshift.runbook.restore.DrRestore;
import io.dayshift.runbook.sev1.Sev1Incident;
import io.dayshift.runbook.upgrade.RollingUpgrade;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a run ended, in five words an alert can test ({@code outcome} label of {@code dayshift_runs_ended_total}); the end
 * event's id ({@code end_event} label) says exactly where.
 * <ul>
 *   <li>{@link #SUCCESS}: the runbook's goal end event, one per runbook ({@link #SUCCESS_ENDS}): the site backed up,
 *       the host drained, the site GREEN…;</li>
 *   <li>{@link #REFUSED}: it ended before changing anything because its input or a precheck said no (input rejected,
 *       not enough capacity, site unhealthy or not green, infrastructure not ready);</li>
 *   <li>{@link #REJECTED}: an approver rejected its plan;</li>
 *   <li>{@link #HALTED}: any other end: it stopped without reaching its goal — an operator stopped or rolled it back, a
 *       part failed (a backup incomplete, a host not empty), a health check found the site AMBER or RED;</li>
 *   <li>{@link #CANCELLED}: a person cancelled it (Cockpit, REST) or its caller ended it; no end event.</li>
 * </ul>
 */
enum RunOutcome {
    SUCCESS, REFUSED, REJECTED, HALTED, CANCELLED;

    /** The end event at which each runbook reached what it is for; a runbook not listed has no success end. */
    static final Map<String, Set<String>> SUCCESS_ENDS = Map.ofEntries(
            Map.entry(AddComputeNode.PROCESS_KEY, Set.of(AddComputeNode.Elements.COMPUTE_NODE_ADDED_END)),
            Map.entry(BackupSite.PROCESS_KEY, Set.of(BackupSite.Elements.SITE_BACKED_UP_END)),
            Map.entry(DailyBackup.PROCESS_KEY, Set.of(DailyBackup.Elements.END_EVENT)),
            Map.entry(CommissionMachines.PROCESS_KEY, Set.of(CommissionMachines.Elements.MACHINES_COMMISSIONED_END)),
            Map.entry(DrainComputeNode.PROCESS_KEY, Set.of(DrainComputeNode.Elements.END_HOST_DRAINED)),
            Map.entry(ReturnComputeNode.PROCESS_KEY, Set.of(ReturnComputeNode.Elements.END_HOST_RETURNED)),
            Map.entry(DailyHealthCheck.PROCESS_KEY, Set.of(DailyHealthCheck.Elements.DAILY_CHECK_DONE_END)),
            Map.entry(SiteHealthCheck.PROCESS_KEY, Set.of(SiteHealthCheck.Elements.SITE_GREEN_END)),
            Map.entry(DrRestore.PROCESS_KEY, Set.of(DrRestore.Elements.END_SITE_RESTORED)),
            Map.entry(Sev1Incident.PROCESS_KEY, Set.of(Sev1Incident.Elements.END_INCIDENT_CLOSED)),
            Map.entry(RollingUpgrade.PROCESS_KEY, Set.of(RollingUpgrade.Elements.END_SITE_UPGRADED)));

    /** Ends where a run stopped before acting: its input or a precheck said no. */
    static final Set<String> REFUSED_ENDS = Set.of(
            DrainComputeNode.Elements.END_INPUT_REJECTED, // every runbook's input check ends at EndEvent_InputRejected
            DrainComputeNode.Elements.END_NOT_ENOUGH_CAPACITY,
            AddComputeNode.Elements.SITE_UNHEALTHY_END,
            RollingUpgrade.Elements.END_SITE_NOT_GREEN,
            DrRestore.Elements.END_INFRASTRUCTURE_NOT_READY);

    /** Ends where an approver said no. */
    static final Set<String> REJECTED_ENDS = Set.of(
            DrainComputeNode.Elements.END_PLAN_REJECTED, // drain-compute-node and rolling-upgrade: EndEvent_PlanRejected
            AddComputeNode.Elements.ADDITION_REJECTED_END,
            DrRestore.Elements.END_DATA_LOSS_REJECTED,
            DrRestore.Elements.END_RESTORE_REJECTED);

    /** The outcome of a run of {@code runbook} that ended at {@code endEvent}. */
    static RunOutcome of(String runbook, String endEvent) {
        if (endEvent == null) {
            return HALTED;
        }
        if (SUCCESS_ENDS.getOrDefault(runbook, Set.of()).contains(endEvent)) {
            return SUCCESS;
        }
        if (REFUSED_ENDS.contains(endEvent)) {
            return REFUSED;
        }
        return REJECTED_ENDS.contains(endEvent) ? REJECTED : HALTED;
    }

    /** The label value: {@code success}, {@code refused}, … */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
