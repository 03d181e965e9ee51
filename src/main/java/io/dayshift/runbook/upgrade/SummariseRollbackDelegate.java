package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.RunVariables.*;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Variables.*;

import io.dayshift.engine.RunLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SummariseRollback} (kolla): the previous release back, reconfigured, databases restored from the backup, what the check saw. */
@Component("summariseUpgradeRollback")
class SummariseRollbackDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        UpgradePlan plan = PLAN.get(execution);
        boolean complete = ROLLED_BACK.find(execution).orElse(false);
        RunLog.summarise(execution, Summaries.fitted(Summaries.head(execution) + ": rolled back to " + plan.currentRelease() + " (" + HALTED.find(execution)
                .orElse(REQUESTED_BY.find(execution).map(r -> "requested by " + r).orElse("")) + "): openstack_release " + plan.currentRelease()
                + " again, control plane stopped, databases restored from backup " + BACKUP_ID.find(execution).orElse("none")
                + " (with the full backup it builds on and the incrementals before it, when it is incremental; row counts: "
                + ROW_CHECK.find(execution).orElse("not compared").replace('\n', ';') + "), kolla-ansible reconfigure. "
                + (complete ? "Every compute host runs " + plan.currentRelease() + " again." : "Not every compute host runs " + plan.currentRelease()
                + " again, or the row counts differ: see the hosts below and the steps 'Task_VerifyDatabaseRestore', 'Task_VerifyRollback'.") + Summaries.hosts(execution) + Summaries.approvals(execution)));
        RunLog.record(execution, "summarise", plan.site(), complete ? "rolled back" : "rolled back, hosts left over", null, "");
    }
}
