package io.dayshift.runbook.upgrade;

import io.dayshift.engine.RunLog;
import static io.dayshift.runbook.RunVariables.*;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Variables.*;

import io.dayshift.approval.PlanTable;
import io.dayshift.charm.CharmModel;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ValidateInput}: the input, the current release and the SLURP rule, then the plan; else {@code INPUT_REJECTED}, nothing touched. */
@Component("validateUpgradeInput")
class ValidateUpgradeInputDelegate implements JavaDelegate {

    private final UpgradeInputCheck check;

    ValidateUpgradeInputDelegate(Sites sites, ComputeCloud compute, KollaDeployer kolla, CharmModel charms, RollingUpgrade settings) {
        this.check = new UpgradeInputCheck(sites, compute, kolla, charms, settings);
    }

    @Override
    public void execute(DelegateExecution execution) {
        UPGRADED.set(execution, false);
        UpgradeInputCheck.Result result = check.check(new UpgradeInputCheck.Input(SITE.find(execution).orElse(""), TARGET_RELEASE.find(execution).orElse(""),
                BATCH_SIZE.find(execution).orElse(null), WINDOW_START.find(execution).orElse(""), WINDOW_END.find(execution).orElse(""),
                CANARY_HOST.find(execution).orElse("")), RunLog.now(), "rolling-upgrade run " + execution.getProcessInstanceId());
        if (!result.accepted()) {
            String message = "Input rejected, nothing was changed: " + String.join("; ", result.problems()) + ".";
            RunLog.record(execution, "check the input, read the current release", SITE.find(execution).orElse(""), "rejected", null, message);
            throw new BpmnError(RollingUpgrade.INPUT_REJECTED, message);
        }
        UpgradePlan plan = result.plan().orElseThrow();
        PLAN.set(execution, plan);
        CURRENT_RELEASE.set(execution, plan.currentRelease());
        PLANNED_HOSTS.set(execution, String.join(",", plan.hosts()));
        HOST_RELEASES.set(execution, HostReleases.of(plan.hosts(), plan.currentRelease()));
        PLAN_SUMMARY.set(execution, Summaries.fitted(PlanText.describe(plan, WINDOW_START.get(execution), WINDOW_END.get(execution))));
        PlanTable.VARIABLE.set(execution, PlanTables.plan(plan, WINDOW_START.get(execution), WINDOW_END.get(execution)));
        PlanTable.ROLLBACK.set(execution, PlanTables.rollback(plan));
        RunLog.record(execution, "check the input, read the current release, plan", plan.site(), "accepted: " + plan.currentRelease() + " → "
                + plan.targetRelease(), null, plan.hosts().size() + " compute host(s) in " + plan.batches().size() + " batch(es)");
    }
}
