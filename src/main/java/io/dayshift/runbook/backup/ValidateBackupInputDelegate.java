package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.FLAVOUR;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_COMPLETE;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;
import static io.dayshift.runbook.backup.BackupSite.Variables.SCOPE;

import io.dayshift.engine.RunLog;
import io.dayshift.runbook.InputProblems;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ValidateInput}: the site is configured (its backup settings were checked at start-up) and the scope is
 * {@code full}, {@code databases} or {@code config}. Otherwise {@code INPUT_REJECTED}, with {@code backupId} empty and
 * {@code backupComplete} false, so that a calling runbook never takes a rejected run for a backup.
 */
@Component("validateBackupInput")
class ValidateBackupInputDelegate implements JavaDelegate {

    private final Sites sites;

    ValidateBackupInputDelegate(Sites sites) {
        this.sites = sites;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String name = SITE.find(execution).orElse("");
        Optional<Site> site = sites.find(name);
        Optional<BackupScope> scope = BackupScope.parse(SCOPE.find(execution).orElse(""));
        BACKUP_ID.set(execution.getProcessInstance(), "");
        BACKUP_COMPLETE.set(execution.getProcessInstance(), false);
        if (site.isEmpty() || scope.isEmpty()) {
            String message = "Input rejected, nothing was backed up: " + (site.isEmpty() ? "site: " + InputProblems.printable(name) + " is not a configured site (configured: "
                    + sites.all().stream().map(Site::name).toList() + ")" : "scope: " + InputProblems.printable(SCOPE.get(execution)) + " is not full, databases or config") + ".";
            RunLog.record(execution, "check site and scope", name, "rejected", null, message);
            throw new BpmnError(BackupSite.INPUT_REJECTED, message);
        }
        FLAVOUR.set(execution.getProcessInstance(), site.get().flavour().name());
        SCOPE.set(execution.getProcessInstance(), scope.get().key());
        RunLog.record(execution, "check site and scope", name, "accepted: " + site.get().flavour().name().toLowerCase()
                + ", scope " + scope.get().key() + (site.get().simulated() ? ", simulated (the built-in lab)" : ""), null, "");
    }
}
