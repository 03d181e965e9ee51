package io.dayshift.runbook.addcompute;

import io.dayshift.approval.PlanTable;
import io.dayshift.runbook.healthcheck.Finding;
import io.dayshift.site.Flavour;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The addition of a compute host as tables ({@link PlanTable}): its steps in order on a site of its flavour with the
 * site's health findings, for the approval of the addition; and the rollback's steps, for the approval of a rollback.
 */
final class AdditionTables {

    private AdditionTables() {
    }

    static PlanTable addition(String site, Flavour flavour, String host, String systemId, String capacity, String zone, List<Finding> findings,
                              String computeTag) {
        List<PlanTable.Step> steps = new ArrayList<>();
        if (flavour == Flavour.CHARMED) {
            step(steps, "Juju", "add a Juju machine on MAAS machine " + host + " (juju add-machine " + host + " --constraints tags=" + computeTag + ")", host);
            step(steps, "Juju", "add a unit of " + AddComputeNode.COMPUTE_APPLICATION + " to it (its subordinates follow); wait until all are active/idle",
                    AddComputeNode.COMPUTE_APPLICATION);
        } else {
            step(steps, "MAAS", "allocate and deploy " + host + " (Ubuntu); wait until Deployed", host + " (" + systemId + ")");
            step(steps, "Kolla-Ansible", "add " + host + " to inventory group [" + AddComputeNode.COMPUTE_GROUP + "]", host);
            for (String action : AddComputeNode.KOLLA_ACTIONS) {
                step(steps, "Kolla-Ansible", "kolla-ansible " + action + " --limit " + host, host);
            }
        }
        step(steps, "Nova", "map it to the cell (nova-manage cell_v2 discover_hosts); wait until its nova-compute is up and enabled in " + zone, host);
        step(steps, "smoke test", "boot a tiny server pinned to it, wait for ACTIVE, delete it", host);
        List<PlanTable.Note> notes = new ArrayList<>();
        findings.forEach(f -> notes.add(new PlanTable.Note("health " + f.health().name(), f.check() + ": " + f.subject() + " " + f.message())));
        notes.add(new PlanTable.Note(PlanTable.NOTE, "If a step fails, an ops lead retries or rolls back; the rollback needs its own approval."));
        return new PlanTable("Add " + host + " (" + capacity + ") to site " + site + " (" + flavour.name().toLowerCase(Locale.ROOT) + "), zone " + zone,
                List.of(), List.of(), steps, notes);
    }

    static PlanTable rollback(String site, Flavour flavour, String host) {
        List<PlanTable.Step> steps = new ArrayList<>();
        step(steps, "Nova", "disable " + host + "'s nova-compute service, if it registered", host);
        if (flavour == Flavour.CHARMED) {
            step(steps, "Juju", "remove the unit of " + AddComputeNode.COMPUTE_APPLICATION + " this run added, then its Juju machine", host);
        } else {
            step(steps, "Kolla-Ansible", "take " + host + " out of inventory group [" + AddComputeNode.COMPUTE_GROUP + "]", host);
        }
        step(steps, "MAAS", "release " + host + " (Ready again, its tags kept)", host);
        return new PlanTable("Roll back the addition of " + host + " to site " + site, List.of(), List.of(), steps, List.of());
    }

    private static void step(List<PlanTable.Step> steps, String phase, String step, String targets) {
        steps.add(new PlanTable.Step(steps.size() + 1, phase, step, targets));
    }
}
