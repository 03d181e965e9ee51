package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.RunVariables.*;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Variables.*;

import io.dayshift.engine.RunLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SummariseStoppedUpgrade}: stopped by an ops lead (a failed step, the window closed) or a rollback rejected. The
 * site stays as it is, partly upgraded: the summary says which hosts run which release and what halted it.
 */
@Component("summariseStoppedUpgrade")
class SummariseStoppedUpgradeDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        UpgradePlan plan = PLAN.get(execution);
        String why = HALTED.find(execution).orElse("a rollback was requested and rejected");
        RunLog.summarise(execution, Summaries.fitted(Summaries.head(execution) + ": stopped, not rolled back (" + why + "). The site is left as it is; "
                + "whatever already moved stays on " + plan.targetRelease() + "." + Summaries.hosts(execution)
                + " Backup " + BACKUP_ID.find(execution).orElse("none") + "." + Summaries.approvals(execution)));
        RunLog.record(execution, "summarise", plan.site(), "stopped", null, why);
    }
}
