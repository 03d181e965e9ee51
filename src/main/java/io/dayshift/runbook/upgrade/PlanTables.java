package io.dayshift.runbook.upgrade;

import io.dayshift.approval.PlanTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The upgrade plan as tables ({@link PlanTable}): for its approval, every step in order — preparation, control plane,
 * each batch of compute hosts (canary first), the remaining applications — with what it touches and what is left as it
 * is; for the rollback's approval, the rollback's steps in order.
 */
final class PlanTables {

    private PlanTables() {
    }

    static PlanTable plan(UpgradePlan plan, String windowStart, String windowEnd) {
        List<PlanTable.Step> steps = new ArrayList<>();
        steps.add(new PlanTable.Step(1, "after the approval", "back up the site (backup-site), kept for the rollback; an incomplete backup stops the upgrade", plan.site()));
        add(steps, "when the window opens", plan.preparation());
        add(steps, "control plane", plan.controlPlane());
        for (HostBatch b : plan.batches()) {
            steps.add(new PlanTable.Step(steps.size() + 1, (b.canary() ? "canary batch " : "batch ") + b.number() + (b.zone().isEmpty() ? "" : ", zone " + b.zone()),
                    "drain each host (capacity checked), " + b.upgrade().description() + ", return to service, check on " + plan.targetRelease(),
                    String.join(", ", b.hosts())));
        }
        add(steps, "remaining data-plane applications", plan.finish());
        steps.add(new PlanTable.Step(steps.size() + 1, "afterwards", "site health check, a smoke instance booted and deleted", plan.site()));
        List<PlanTable.Note> notes = new ArrayList<>();
        notes.add(new PlanTable.Note(PlanTable.NOTE, "Window " + windowStart + " to " + windowEnd + ": no batch starts after its end."));
        plan.disabledBefore().forEach((host, reason) -> notes.add(new PlanTable.Note(PlanTable.WARNING, host
                + " was disabled before this upgrade (\"" + reason + "\"): it is drained and upgraded with its batch, then LEFT DISABLED.")));
        if (!plan.notMoved().isEmpty()) {
            notes.add(new PlanTable.Note(PlanTable.NOTE, "Left on their channels (not OpenStack release tracks): " + String.join(", ", plan.notMoved()) + "."));
        }
        notes.add(new PlanTable.Note(PlanTable.NOTE, plan.kolla() ? "Rollback, if approved later: previous openstack_release, control plane stopped, "
                + "databases restored from the backup taken after this approval, kolla-ansible reconfigure, rollback verified."
                : "Rollback: charms do not downgrade; the run stops and hands over with the state of every application and unit."));
        return new PlanTable("Upgrade " + plan.site() + " (" + plan.flavour().toLowerCase(java.util.Locale.ROOT) + ") from " + plan.currentRelease() + " to "
                + plan.targetRelease() + ": " + plan.hosts().size() + " compute host(s) in " + plan.batches().size() + " batch(es)",
                List.of(), List.of(), steps, notes);
    }

    static PlanTable rollback(UpgradePlan plan) {
        if (!plan.kolla()) {
            return new PlanTable("Stop the upgrade of " + plan.site() + " and hand it over: charms do not downgrade", List.of(), List.of(),
                    List.of(new PlanTable.Step(1, "hand over", "stop the upgrade where it is and hand it over to an operator with the state of every application and unit",
                            plan.site())), List.of());
        }
        List<PlanTable.Step> steps = new ArrayList<>();
        add(steps, "before the restore", plan.rollback());
        steps.add(new PlanTable.Step(steps.size() + 1, "restore", "restore the databases from the backup taken at the start of the upgrade: its full "
                + "MariaDB backup, then each incremental up to it, in order; Galera recovered, row counts checked", plan.site()));
        add(steps, "after the restore", plan.reconfigure());
        steps.add(new PlanTable.Step(steps.size() + 1, "verify", "every host on " + plan.currentRelease(), plan.site()));
        return new PlanTable("Roll the upgrade of " + plan.site() + " back to " + plan.currentRelease(), List.of(), List.of(), steps,
                List.of(new PlanTable.Note(PlanTable.WARNING, "Data written to the cloud since the backup was taken is lost.")));
    }

    private static void add(List<PlanTable.Step> steps, String phase, List<UpgradeStep> planned) {
        planned.forEach(s -> steps.add(new PlanTable.Step(steps.size() + 1, phase, s.key() + ": " + s.description(), s.targets().isEmpty() ? "the whole site" : String.join(", ", s.targets()))));
    }
}
