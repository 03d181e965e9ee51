package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.upgrade.RollingUpgrade.Variables.*;

import io.dayshift.approval.Approvals;
import io.dayshift.engine.RunLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordRejection}: the plan was rejected. Before the approval the run only read the site, so there is nothing
 * to put back: the summary says who rejected it and why.
 */
@Component("recordUpgradeRejection")
class RecordUpgradeRejectionDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        UpgradePlan plan = PLAN.get(execution);
        String who = Approvals.DECISIONS.find(execution).flatMap(d -> d.decisions().stream().reduce((a, b) -> b))
                .map(d -> d.approver() + ": " + d.reason()).orElse("unknown");
        RunLog.summarise(execution, Summaries.fitted("Upgrade of site " + plan.site() + " from " + plan.currentRelease() + " to " + plan.targetRelease()
                + " rejected by " + who + "; nothing on the site was changed (no backup taken, no release set, no image pulled)."));
    }
}
