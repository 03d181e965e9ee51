package io.dayshift.runbook.restore;

import io.dayshift.approval.PlanTable;
import io.dayshift.backup.Artefact;
import io.dayshift.site.Flavour;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The plan the approval and operator forms show, in the order the restore runs: as text and as tables. */
final class RestorePlans {

    private RestorePlans() {
    }

    static String describe(RestoreInputCheck.Result input, long ageHours, long rpoHours, long rtoHours) {
        RestoreScope scope = input.scope().orElseThrow();
        boolean kolla = input.site().orElseThrow().flavour() == Flavour.KOLLA;
        String site = input.site().orElseThrow().name();
        List<String> lines = new ArrayList<>();
        lines.add("Restore " + scope.word() + " of site " + site + " (" + (kolla ? "Kolla-Ansible" : "Charmed OpenStack") + ") from backup "
                + input.backup().orElseThrow().id() + ", " + ageHours + " h old (RPO " + rpoHours + " h" + (ageHours > rpoHours
                ? ": everything written in the last " + ageHours + " h is LOST" : "") + "; RTO " + rtoHours + " h).");
        input.database().ifPresent(point -> {
            Artefact newest = point.newest();
            if (point.chain().size() == 1) {
                lines.add("Database: " + artefact(newest) + "; key tables: " + rows(newest));
            } else {
                lines.add("Database: the chain of backup " + input.backup().orElseThrow().id() + ", restored in this order (the age above is its newest):");
                point.chain().forEach(l -> lines.add("  " + artefact(l.artefact()) + (l.artefact().builtOn() == null ? "" : " on the one before")));
                lines.add("  key tables at its newest: " + rows(newest));
            }
        });
        input.config().ifPresent(a -> lines.add("Configuration: " + artefact(a)));
        actions(input).forEach(a -> lines.add("- " + a));
        return String.join("\n", lines);
    }

    /**
     * The plan as tables for the approvals ({@link PlanTable}): the restore's steps in order, each artefact it reads from
     * where, and what is lost.
     */
    static PlanTable table(RestoreInputCheck.Result input, List<RestoreTargets.Source> sources, long ageHours, long rpoHours, long rtoHours) {
        RestoreScope scope = input.scope().orElseThrow();
        String site = input.site().orElseThrow().name();
        List<PlanTable.Step> steps = new ArrayList<>();
        for (RestoreTargets.Source source : sources) {
            steps.add(new PlanTable.Step(steps.size() + 1, "read " + source.artefact().kind(), source.describe().substring(2), source.host()));
        }
        for (String action : actions(input)) {
            steps.add(new PlanTable.Step(steps.size() + 1, action.startsWith("verify") ? "verify" : action.startsWith("HAND-OVER") ? "hand-over" : "restore",
                    action, site));
        }
        List<PlanTable.Note> notes = new ArrayList<>();
        notes.add(ageHours > rpoHours
                ? new PlanTable.Note(PlanTable.WARNING, "The backup is " + ageHours + " h old, older than the RPO of " + rpoHours + " h: everything written to the "
                        + "cloud in the last " + ageHours + " h is LOST.")
                : new PlanTable.Note(PlanTable.NOTE, "The backup is " + ageHours + " h old, within the RPO of " + rpoHours + " h; what was written since is lost."));
        input.database().ifPresent(point -> notes.add(new PlanTable.Note(PlanTable.NOTE, "Key tables at the backup: " + rows(point.newest()))));
        notes.add(new PlanTable.Note(PlanTable.NOTE, "RTO " + rtoHours + " h."));
        return new PlanTable("Restore " + scope.word() + " of site " + site + " from backup " + input.backup().orElseThrow().id() + ", " + ageHours + " h old",
                List.of(), List.of(), steps, notes);
    }

    /** What the restore does, in order, one line each. */
    private static List<String> actions(RestoreInputCheck.Result input) {
        RestoreScope scope = input.scope().orElseThrow();
        boolean kolla = input.site().orElseThrow().flavour() == Flavour.KOLLA;
        List<String> lines = new ArrayList<>();
        if (kolla) {
            if (scope.database()) {
                lines.add("kolla-ansible stop --limit control (every container on the controllers; the computes keep their instances)");
            }
            if (scope.config()) {
                lines.add("keep the current configuration directory as an archive beside it, then unpack the backup's over it");
            }
            if (scope.database()) {
                input.database().ifPresent(point -> lines.add("on mariadb[0] (" + point.newest().host() + "): mbstream + mariabackup --prepare of the full"
                        + " backup" + (point.chain().size() > 1 ? ", then --prepare --incremental-dir of each of the " + (point.chain().size() - 1)
                        + " incremental(s) in order" : "") + ", then --copy-back in a one-shot container, then kolla-ansible mariadb_recovery from it;"
                        + " compare the row counts with the backup's"));
            }
            lines.add("kolla-ansible deploy --limit control, then deploy --limit compute, then nova-manage cell_v2 discover_hosts");
        } else {
            input.database().map(RestorePoint::newest).ifPresent(a -> lines.add("juju scp " + a.path() + " to the mysql-innodb-cluster leader, then its restore-mysqldump action;"
                    + " compare the row counts with the backup's"));
            input.config().ifPresent(a -> lines.add("HAND-OVER: the Juju controller (" + a.path() + "), Vault and Ceph are restored out of band"));
            lines.add("check every unit active/idle, then nova-manage cell_v2 discover_hosts on the nova-cloud-controller leader (juju exec)");
        }
        lines.add("verify: compute and volume services up, images listed, a test instance boots and is deleted");
        return lines;
    }

    private static String rows(Artefact a) {
        return a.tableRows().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String artefact(Artefact a) {
        return a.kind() + " " + a.host() + ":" + a.path() + " (" + a.sizeBytes() + " bytes, taken " + a.takenAt() + ")";
    }
}
