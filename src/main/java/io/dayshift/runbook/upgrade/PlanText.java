package io.dayshift.runbook.upgrade;

import java.util.List;

/**
 * The plan as the approver reads it: releases, the window, what happens after the approval (the backup, then in the window
 * the preparation: release, pull, prechecks), control-plane order, canary, batches, what is left alone.
 */
final class PlanText {

    private PlanText() {
    }

    static String describe(UpgradePlan plan, String windowStart, String windowEnd) {
        StringBuilder out = new StringBuilder();
        out.append("Site ").append(plan.site()).append(" (").append(plan.flavour().toLowerCase(java.util.Locale.ROOT)).append("): ")
                .append(plan.currentRelease()).append(" → ").append(plan.targetRelease()).append(".\n");
        out.append("Window: ").append(windowStart).append(" to ").append(windowEnd).append("; no batch starts after its end.\n");
        out.append("Until this approval the run only read the site (the release, the compute services, a site health check): nothing was changed.\n");
        out.append("\nAfter this approval: a backup of the site (backup-site), kept for the rollback; if it is not complete, the upgrade stops there.\n");
        out.append("\nWhen the window opens, first:\n");
        steps(out, plan.preparation());
        out.append("\nThen the control plane, in this order:\n");
        steps(out, plan.controlPlane());
        List<HostBatch> batches = plan.batches();
        out.append("\nCompute hosts: ").append(plan.hosts().size()).append(" in ").append(batches.size()).append(" batch(es); each host is drained ")
                .append("(its capacity checked; covered by this approval), upgraded, returned to service and checked on ").append(plan.targetRelease())
                .append(":\n");
        int shown = 0;
        for (HostBatch b : batches) {
            if (shown++ == 25) {
                out.append("  … ").append(batches.size() - 25).append(" more batch(es)\n");
                break;
            }
            out.append("  ").append(b.number()).append(". ").append(b.canary() ? "canary " : "").append("zone ").append(b.zone().isEmpty() ? "(none)" : b.zone())
                    .append(": ").append(String.join(", ", b.hosts())).append(" — ").append(b.upgrade().description()).append('\n');
        }
        if (!plan.disabledBefore().isEmpty()) {
            out.append("\nDisabled before this upgrade, drained and upgraded with their batch, then LEFT DISABLED with their reason:\n");
            plan.disabledBefore().forEach((host, reason) -> out.append("  ").append(host).append(": \"").append(reason).append("\"\n"));
        }
        if (!plan.finish().isEmpty()) {
            out.append("\nThen the remaining data-plane applications:\n");
            steps(out, plan.finish());
        }
        if (!plan.notMoved().isEmpty()) {
            out.append("\nLeft on their channels (not OpenStack release tracks): ").append(String.join(", ", plan.notMoved())).append(".\n");
        }
        out.append("\nAfterwards: site health check, a smoke instance booted and deleted. Rollback: ")
                .append(plan.kolla() ? "previous openstack_release, control plane stopped, databases restored from the backup taken after this approval (its full "
                        + "mariabackup and the incrementals after it up to it, in order; Galera recovery, row counts checked), kolla-ansible reconfigure, "
                        + "rollback verified."
                        : "charms do not downgrade; the run stops and hands over with the state of every application and unit.");
        return out.toString();
    }

    private static void steps(StringBuilder out, List<UpgradeStep> steps) {
        steps.forEach(s -> out.append("  ").append(s.key()).append(": ").append(s.description()).append('\n'));
    }
}
