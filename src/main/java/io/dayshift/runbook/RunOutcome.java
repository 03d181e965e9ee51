package io.dayshift.runbook;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a run ended, one word for every end event of every runbook: the metrics label runs with it ({@code outcome}) and
 * the auditor view sorts them by it, so that a backup that came back incomplete is the same "failed" on a dashboard and
 * on an auditor's page. A model test ({@code RunOutcomeTest}) keeps the lists and the deployed models in step: a new end
 * event needs a decision here.
 * <ul>
 *   <li>{@link #SUCCESS}: the runbook's goal end event, one per runbook ({@link #SUCCESS_ENDS}): the site backed up, the
 *       host drained, the site GREEN…;</li>
 *   <li>{@link #REFUSED}: it ended before changing anything because its input or a precheck said no;</li>
 *   <li>{@link #REJECTED}: an approver rejected its plan or the data loss it would cause;</li>
 *   <li>{@link #FAILED}: what it checked or did did not hold (a host not empty, a service not ready, a backup
 *       incomplete, a site RED);</li>
 *   <li>{@link #HALTED}: it stopped short of its goal by a person's decision or with a partial result (stopped, rolled
 *       back, handed over, aborted, kept disabled, restored but not verified, an overrun acknowledged, a site AMBER);</li>
 *   <li>{@link #CANCELLED}: a person cancelled it (Cockpit, REST) or its caller ended it; no end event.</li>
 * </ul>
 */
public enum RunOutcome {
    SUCCESS, REFUSED, REJECTED, FAILED, HALTED, CANCELLED;

    /** The end event at which each runbook reached what it is for, by process key. */
    public static final Map<String, String> SUCCESS_ENDS = Map.ofEntries(
            Map.entry("add-compute-node", "EndEvent_ComputeNodeAdded"),
            Map.entry("backup-site", "EndEvent_SiteBackedUp"),
            Map.entry("daily-backup", "EndEvent_DailyBackupDone"),
            Map.entry("commission-machines", "EndEvent_MachinesCommissioned"),
            Map.entry("drain-compute-node", "EndEvent_HostDrained"),
            Map.entry("return-compute-node", "EndEvent_HostReturnedToService"),
            Map.entry("daily-health-check", "EndEvent_DailyCheckDone"),
            Map.entry("site-health-check", "EndEvent_SiteGreen"),
            Map.entry("dr-restore", "EndEvent_SiteRestored"),
            Map.entry("sev1-incident", "EndEvent_IncidentClosed"),
            Map.entry("rolling-upgrade", "EndEvent_SiteUpgraded"));

    /** Every other end event of the runbooks, by the outcome it means (ids are shared where runbooks share a meaning). */
    static final Map<RunOutcome, Set<String>> OTHER_ENDS = Map.of(
            REFUSED, Set.of("EndEvent_InputRejected", "EndEvent_NotEnoughCapacity", "EndEvent_SiteUnhealthy",
                    "EndEvent_InfrastructureNotReady", "EndEvent_SiteNotGreen"),
            REJECTED, Set.of("EndEvent_PlanRejected", "EndEvent_AdditionRejected", "EndEvent_DataLossRejected",
                    "EndEvent_RestoreRejected"),
            FAILED, Set.of("EndEvent_HostNotEmpty", "EndEvent_ServiceNotReady", "EndEvent_BackupIncomplete", "EndEvent_SiteRed"),
            HALTED, Set.of("EndEvent_AdditionRolledBack", "EndEvent_DrainAborted", "EndEvent_HostKeptDisabled",
                    "EndEvent_RestoreAbandoned", "EndEvent_RestoredNotVerified", "EndEvent_UpgradeStopped",
                    "EndEvent_UpgradeRolledBack", "EndEvent_UpgradeHandedOver", "EndEvent_OverrunAcknowledged",
                    "EndEvent_OverrunKnown", "EndEvent_SiteAmber"));

    /** The outcome of a run of {@code runbook} that completed at {@code endEvent}; {@link #HALTED} for an end not listed. */
    public static RunOutcome of(String runbook, String endEvent) {
        if (endEvent == null) {
            return HALTED;
        }
        if (endEvent.equals(SUCCESS_ENDS.get(runbook))) {
            return SUCCESS;
        }
        return OTHER_ENDS.entrySet().stream().filter(e -> e.getValue().contains(endEvent)).map(Map.Entry::getKey)
                .findFirst().orElse(HALTED);
    }

    /** The end events that mean one of {@code outcomes}, for a query by end event. */
    public static Set<String> endsOf(RunOutcome... outcomes) {
        Set<RunOutcome> wanted = EnumSet.copyOf(Arrays.asList(outcomes));
        Set<String> ends = OTHER_ENDS.entrySet().stream().filter(e -> wanted.contains(e.getKey()))
                .flatMap(e -> e.getValue().stream()).collect(Collectors.toSet());
        if (wanted.contains(SUCCESS)) {
            ends.addAll(SUCCESS_ENDS.values());
        }
        return Set.copyOf(ends);
    }

    /** The label value: {@code success}, {@code refused}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
