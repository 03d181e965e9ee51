package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.RunVariables.*;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Variables.*;

import io.dayshift.engine.RunLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ReportSiteNotGreen}, {@code Task_ReportBackupIncomplete}: the run ends before any upgrade step, saying why. */
@Component("reportUpgradeNotStarted")
class ReportUpgradeNotStartedDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        UpgradePlan plan = PLAN.get(execution);
        boolean notGreen = execution.getCurrentActivityId().equals(RollingUpgrade.Elements.REPORT_SITE_NOT_GREEN);
        String why = notGreen
                ? "the site health check is " + HEALTH.find(execution).orElse("unknown") + ", not GREEN: " + HEALTH_SUMMARY.find(execution).orElse("")
                : "the backup did not complete (backup " + BACKUP_ID.find(execution).orElse("none") + "): " + BACKUP_SUMMARY.find(execution).orElse("");
        String summary = "Upgrade of site " + plan.site() + " from " + plan.currentRelease() + " to " + plan.targetRelease()
                + (notGreen ? " not started, nothing was changed: " + why : " not started after its approval, no release set and no service touched: " + why
                + Summaries.approvals(execution));
        RunLog.record(execution, "report", plan.site(), "not started", null, why);
        RunLog.summarise(execution, Summaries.fitted(summary));
    }
}
