package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Variables.ATTEMPT;
import static io.dayshift.runbook.restore.DrRestore.Variables.BACKUP_AGE_HOURS;
import static io.dayshift.runbook.restore.DrRestore.Variables.BACKUP_ID;
import static io.dayshift.runbook.RunVariables.FLAVOUR;
import static io.dayshift.runbook.restore.DrRestore.Variables.PLAN;
import static io.dayshift.runbook.restore.DrRestore.Variables.RESTORED;
import static io.dayshift.runbook.restore.DrRestore.Variables.RPO_HOURS;
import static io.dayshift.runbook.restore.DrRestore.Variables.RTO_HOURS;
import static io.dayshift.runbook.restore.DrRestore.Variables.SCOPE;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.restore.DrRestore.Variables.STARTED_AT;
import static io.dayshift.runbook.restore.DrRestore.Variables.VERIFIED;
import static io.dayshift.runbook.restore.DrRestore.Variables.WITHIN_RPO;

import io.dayshift.approval.PlanTable;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import io.dayshift.engine.RunLog;

/**
 * {@code Task_ValidateInput}: {@link RestoreInputCheck}, and each artefact the restore needs is on its host or has a verified
 * off-host copy (the plan says which is read); else {@code INPUT_REJECTED}. Records the start of the run (the RTO clock, the escalations' too), and tells the
 * gateway whether the backup is within the RPO (an older one needs an approver to accept the data loss).
 */
@Component("validateRestoreInput")
class ValidateRestoreInputDelegate implements JavaDelegate {

    private final RestoreInputCheck check;
    private final DrRestore settings;
    private final RestoreTargets targets;

    ValidateRestoreInputDelegate(Sites sites, BackupCatalogue catalogue, DrRestore settings, RestoreTargets targets) {
        this.check = new RestoreInputCheck(sites, catalogue);
        this.settings = settings;
        this.targets = targets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        STARTED_AT.set(execution, execution.getProcessEngineServices().getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(execution.getProcessInstanceId()).singleResult().getStartTime().toInstant().toString());
        RESTORED.set(execution, false);
        VERIFIED.set(execution, false);
        String backupId = BACKUP_ID.find(execution).orElse("");
        RestoreInputCheck.Result result = check.check(SITE.find(execution).orElse(""), backupId, SCOPE.find(execution).orElse(""));
        List<RestoreTargets.Source> sources = new ArrayList<>();
        if (result.accepted()) {
            Site site = result.site().orElseThrow();
            result.database().ifPresent(point -> point.chain().forEach(link -> sources.add(targets.source(site, link.setId(), link.artefact()))));
            result.config().ifPresent(config -> sources.add(targets.source(site, backupId.strip(), config)));
        }
        List<String> problems = new ArrayList<>(result.problems());
        sources.stream().filter(s -> !s.available()).forEach(s -> problems.add("the " + s.artefact().kind() + " artefact of backup " + backupId
                + " is gone from " + s.host() + ":" + s.artefact().path() + " and has no verified off-host copy"));
        if (!problems.isEmpty()) {
            String message = "Input rejected, nothing was changed: " + String.join("; ", problems) + ".";
            RunLog.record(execution, "read the backup catalogue (check the input)", backupId, "rejected", null, message);
            throw new BpmnError(DrRestore.INPUT_REJECTED, message);
        }
        long age = RestoreInputCheck.ageHours(result.dated(), RunLog.now());
        long rpo = settings.rpo().toHours();
        BACKUP_AGE_HOURS.set(execution, age);
        RPO_HOURS.set(execution, rpo);
        RTO_HOURS.set(execution, settings.rto().toHours());
        WITHIN_RPO.set(execution, age <= rpo);
        FLAVOUR.set(execution, result.site().orElseThrow().flavour().name().toLowerCase(Locale.ROOT));
        ATTEMPT.set(execution, 1L);
        String plan = RestorePlans.describe(result, age, rpo, settings.rto().toHours()) + "\n"
                + String.join("\n", sources.stream().map(RestoreTargets.Source::describe).toList());
        PLAN.set(execution, plan);
        PlanTable.VARIABLE.set(execution, RestorePlans.table(result, sources, age, rpo, settings.rto().toHours()));
        RunLog.record(execution, "read the backup catalogue (check the input)", backupId, "accepted" + (age <= rpo ? "" : ", older than the RPO"), null, plan);
    }
}
