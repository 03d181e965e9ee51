package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.RunVariables.*;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Variables.*;

import io.dayshift.engine.RunLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SummariseUpgrade}: {@code upgraded=true} and the summary: what moved, the health after, the smoke test, who approved. */
@Component("summariseUpgrade")
class SummariseUpgradeDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        UpgradePlan plan = PLAN.get(execution);
        UPGRADED.set(execution, true);
        RunLog.summarise(execution, Summaries.fitted(Summaries.head(execution) + ": upgraded. Control plane " + plan.controlPlane().size() + " step(s), "
                + plan.hosts().size() + " compute host(s) in " + plan.batches().size() + " batch(es)"
                + (plan.finish().isEmpty() ? "" : ", then " + plan.finish().size() + " data-plane application(s)") + "; backup " + BACKUP_ID.find(execution).orElse("none")
                + "; health afterwards " + HEALTH_AFTER.find(execution).orElse("unknown") + " (" + HEALTH_AFTER_SUMMARY.find(execution).orElse("") + ");"
                + " smoke instance booted and deleted." + Summaries.hosts(execution) + Summaries.approvals(execution)));
        RunLog.record(execution, "summarise", plan.site(), "upgraded to " + plan.targetRelease(), null, "");
    }
}
