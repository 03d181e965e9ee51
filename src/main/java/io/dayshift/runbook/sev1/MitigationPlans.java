package io.dayshift.runbook.sev1;

import io.dayshift.approval.PlanTable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The chosen mitigation as tables for its approver ({@link PlanTable}): for an evacuation, every instance of the host
 * with where it goes and whether its local data is at risk, then the steps; for the other actions, their steps.
 */
final class MitigationPlans {

    /** The states Nova evacuates a server in (as {@code Task_StartEvacuations} judges them). */
    static final Set<String> EVACUABLE = Set.of("ACTIVE", "SHUTOFF", "ERROR");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private MitigationPlans() {
    }

    static PlanTable table(String action, String target, String site, DownHostInstances instances) {
        String title = RecordMitigationChoiceListener.plan(action, target, site);
        if (!Sev1Incident.EVACUATE_HOST.equals(action)) {
            return new PlanTable(title, List.of(), List.of(), List.of(new PlanTable.Step(1, "mitigation", title, target.isEmpty() ? site : target)), List.of());
        }
        List<PlanTable.Move> moves = new ArrayList<>();
        int atRisk = 0;
        for (DownHostInstances.Instance i : instances.on(target)) {
            boolean evacuable = EVACUABLE.contains(i.status());
            atRisk += evacuable && i.diskGb() > 0 ? 1 : 0;
            moves.add(new PlanTable.Move(i.name() + " (" + i.id() + ")", i.flavorName() + " (" + i.vcpus() + " vCPU, " + i.ramMb() + " MiB RAM, "
                    + i.diskGb() + " GiB disk), " + i.status(), target, evacuable ? "a healthy host the scheduler picks" : "stays on " + target,
                    evacuable ? "rebuilt on another host (evacuate)" : "not evacuated: Nova cannot evacuate a " + i.status() + " server",
                    i.diskGb() == 0 ? "kept: no local disk (volume-backed)"
                            : "AT RISK: " + i.diskGb() + " GiB local disk is rebuilt from its image, its data LOST, unless the instance disks are on shared storage"));
        }
        List<PlanTable.Step> steps = List.of(
                new PlanTable.Step(1, "fence", "check that " + target + "'s nova-compute is really down; if it is up, stop: nothing is evacuated", target),
                new PlanTable.Step(2, "fence", "force its nova-compute down (PUT /os-services/{id} forced_down), so no instance runs twice", target),
                new PlanTable.Step(3, "evacuate", "rebuild every instance on it on healthy hosts the scheduler picks (anti-affinity respected)",
                        moves.size() + " instance(s)"),
                new PlanTable.Step(4, "evacuate", "await the evacuations until each is rebuilt, failed or the deadline passes", target));
        List<PlanTable.Note> notes = new ArrayList<>();
        if (atRisk > 0) {
            notes.add(new PlanTable.Note(PlanTable.WARNING, atRisk + " instance(s) have local disks: an evacuation rebuilds them from their images, "
                    + "and what was written to those disks is lost unless the site keeps instance disks on shared storage (Ceph)."));
        }
        notes.add(new PlanTable.Note(PlanTable.NOTE, moves.isEmpty() ? "The diagnosis found no instance on " + target + " at " + TIME.format(instances.listedAt()) + "."
                : "Instances as the diagnosis listed them at " + TIME.format(instances.listedAt()) + "; the evacuation lists the host again and rebuilds what is there then."));
        return new PlanTable(title, moves, List.of(), steps, notes);
    }
}
