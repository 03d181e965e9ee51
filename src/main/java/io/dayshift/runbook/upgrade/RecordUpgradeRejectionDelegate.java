package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.RunVariables.*;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Variables.*;

import io.dayshift.approval.Approvals;
import io.dayshift.engine.RunLog;
import io.dayshift.kolla.FileChange;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordRejection}: the plan was rejected. On a kolla site the preparation had set {@code openstack_release} to
 * the target: the previous release goes back into globals.yml (nothing else ran but pull and prechecks).
 */
@Component("recordUpgradeRejection")
class RecordUpgradeRejectionDelegate implements JavaDelegate {

    private final Sites sites;
    private final KollaDeployer kolla;

    RecordUpgradeRejectionDelegate(Sites sites, KollaDeployer kolla) {
        this.sites = sites;
        this.kolla = kolla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UpgradePlan plan = PLAN.get(execution);
        String restored = "";
        if (plan.kolla()) {
            FileChange change = kolla.setOpenstackRelease(sites.require(plan.site()), plan.currentRelease());
            restored = " openstack_release is " + plan.currentRelease() + " again in " + change.file() + (change.changed() ? "" : " (it was already)") + ".";
            RunLog.record(execution, "set openstack_release: \"" + plan.currentRelease() + "\"", change.file(), change.changed() ? "written" : "already set", null, "");
        }
        String who = Approvals.DECISIONS.find(execution).flatMap(d -> d.decisions().stream().reduce((a, b) -> b))
                .map(d -> d.approver() + ": " + d.reason()).orElse("unknown");
        RunLog.summarise(execution, Summaries.fitted("Upgrade of site " + plan.site() + " from " + plan.currentRelease() + " to " + plan.targetRelease()
                + " rejected by " + who + "; no service was upgraded (backup " + BACKUP_ID.find(execution).orElse("none") + " was taken)." + restored));
    }
}
