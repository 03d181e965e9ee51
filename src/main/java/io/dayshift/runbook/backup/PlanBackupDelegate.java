package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;
import static io.dayshift.runbook.backup.BackupSite.Variables.NOT_APPLICABLE;
import static io.dayshift.runbook.backup.BackupSite.Variables.PARTS;
import static io.dayshift.runbook.backup.BackupSite.Variables.PART_DEADLINE;
import static io.dayshift.runbook.backup.BackupSite.Variables.SCOPE;

import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupSet;
import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_PlanBackup}: opens the set in the catalogue and lists the parts ({@link BackupPlanner}). */
@Component("planBackup")
class PlanBackupDelegate implements JavaDelegate {

    private final Sites sites;
    private final BackupCatalogue catalogue;

    PlanBackupDelegate(Sites sites, BackupCatalogue catalogue) {
        this.sites = sites;
        this.catalogue = catalogue;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        Instant now = RunLog.now();
        // Kolla builds an incremental on the newest full it took: only when that one is verified (and recent) is the chain restorable
        boolean recentFull = catalogue.latestFull(site.name(), now.minus(site.backup().incrementalWithin()))
                .filter(verified -> catalogue.newestFull(site.name(), now).filter(verified.id()::equals).isPresent()).isPresent();
        BackupPlanner.Plan plan = BackupPlanner.plan(site, BackupScope.parse(SCOPE.get(execution)).orElseThrow(), recentFull);
        String id = freeId(site.name(), now, execution.getProcessInstanceId());
        catalogue.record(new BackupSet(id, site.name(), site.flavour().name().toLowerCase(), SCOPE.get(execution),
                execution.getProcessInstanceId(), now, null, List.of(), List.of()));
        BACKUP_ID.set(execution.getProcessInstance(), id);
        PARTS.set(execution.getProcessInstance(), plan.parts());
        NOT_APPLICABLE.set(execution.getProcessInstance(), plan.notApplicable());
        PART_DEADLINE.set(execution.getProcessInstance(), site.backup().partDeadline().toString());
        RunLog.record(execution, new StepRecord(null, "plan backup set " + id, site.name(), "parts " + plan.parts()
                + (plan.notApplicable().isEmpty() ? "" : "; not applicable: " + plan.notApplicable()), null, "", now));
    }

    /**
     * The set's id: {@code <site>-<time>}, or {@code <site>-<time>-2}, {@code -3}… when a run that started in the same second
     * has that one. A set this run already opened keeps its id.
     */
    private String freeId(String site, Instant now, String run) {
        String first = BackupSet.idFor(site, now);
        for (int n = 1; ; n++) {
            String id = n == 1 ? first : first + "-" + n;
            if (catalogue.find(id).map(taken -> run.equals(taken.processInstanceId())).orElse(true)) {
                return id;
            }
        }
    }
}
