package io.dayshift.runbook.upgrade;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the upgrade will do, decided before anything changes (the run only reads until the approval) and shown to the approver. The model's loops read its lists:
 * {@code ${plan.preparation()}}, {@code ${plan.controlPlane()}}, {@code ${plan.batches()}}, {@code ${plan.finish()}},
 * {@code ${plan.rollback()}}, {@code ${plan.reconfigure()}}.
 *
 * @param flavour        {@code KOLLA} or {@code CHARMED}
 * @param currentRelease detected at the start
 * @param targetRelease  asked for
 * @param preparation    after the approval and the backup, once the window opened: nothing that disturbs a running service
 * @param controlPlane   after the window opened, in order
 * @param batches        the compute hosts, canary first, grouped by availability zone
 * @param finish         after the batches (charmed: the data-plane applications cou upgrades after the hypervisors)
 * @param rollback       what a kolla rollback runs before the database restore: the previous release back, the control plane stopped
 * @param reconfigure    what a kolla rollback runs after the database restore: {@code kolla-ansible reconfigure} on every host
 * @param notMoved       what the plan leaves as it is, and why
 * @param drainReason    the disabled reason the drains give Nova
 * @param returnReason   the reason recorded when a host returns
 * @param disabledBefore compute hosts whose nova-compute was disabled when the plan was made, with the reason: drained and
 *                       upgraded with their batch like the others, then left disabled with that reason (a return enables only
 *                       what this run's drains took out of service)
 */
public record UpgradePlan(String site, String flavour, String currentRelease, String targetRelease, List<UpgradeStep> preparation,
                          List<UpgradeStep> controlPlane, List<HostBatch> batches, List<UpgradeStep> finish, List<UpgradeStep> rollback,
                          List<UpgradeStep> reconfigure, List<String> notMoved, String drainReason, String returnReason,
                          Map<String, String> disabledBefore) {

    public static final String KOLLA = "KOLLA";
    public static final String CHARMED = "CHARMED";

    public UpgradePlan {
        preparation = List.copyOf(preparation);
        controlPlane = List.copyOf(controlPlane);
        batches = List.copyOf(batches);
        finish = List.copyOf(finish);
        rollback = List.copyOf(rollback);
        reconfigure = List.copyOf(reconfigure);
        notMoved = List.copyOf(notMoved);
        disabledBefore = disabledBefore == null ? Map.of() : new TreeMap<>(disabledBefore);
    }

    /** The same plan, knowing which hosts were disabled when it was made. */
    public UpgradePlan withDisabledBefore(Map<String, String> disabled) {
        return new UpgradePlan(site, flavour, currentRelease, targetRelease, preparation, controlPlane, batches, finish, rollback, reconfigure,
                notMoved, drainReason, returnReason, disabled);
    }

    /** Every compute host of the plan, in upgrade order. */
    public List<String> hosts() {
        return batches.stream().flatMap(b -> b.hosts().stream()).toList();
    }

    /** Where the smoke instance boots: the first upgraded host (the canary) that is not left disabled. */
    public String smokeHost() {
        List<String> hosts = hosts();
        return hosts.stream().filter(h -> !disabledBefore.containsKey(h)).findFirst().orElse(hosts.get(0));
    }

    public boolean kolla() {
        return KOLLA.equals(flavour);
    }
}
