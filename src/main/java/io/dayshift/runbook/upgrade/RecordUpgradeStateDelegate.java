package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.RunVariables.*;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Variables.*;

import io.dayshift.engine.RunLog;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordUpgradeState}: before an operator takes over (charmed: charms do not downgrade; kolla: a rollback step
 * failed), the exact state: each application's channel, revision and version and each unit's status (charmed), or
 * openstack_release and each compute host's nova_compute release (kolla).
 */
@Component("recordUpgradeState")
class RecordUpgradeStateDelegate implements JavaDelegate {

    private final Sites sites;
    private final UpgradeState state;

    RecordUpgradeStateDelegate(Sites sites, UpgradeState state) {
        this.sites = sites;
        this.state = state;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UpgradePlan plan = PLAN.get(execution);
        String text = state.describe(sites.require(plan.site()), plan);
        HAND_OVER_STATE.set(execution, Summaries.fitted(text));
        String why = plan.kolla() ? "a rollback step failed" : "charms do not downgrade";
        RunLog.summarise(execution, Summaries.fitted(Summaries.head(execution) + ": halted and handed over to an operator (" + why + "; "
                + HALTED.find(execution).orElse(REQUESTED_BY.find(execution).map(r -> "rollback requested by " + r).orElse("rollback approved")) + "). "
                + "State: " + text.replace('\n', ' ') + " Backup " + BACKUP_ID.find(execution).orElse("none") + "." + Summaries.approvals(execution)));
        RunLog.record(execution, plan.kolla() ? "read openstack_release and containers" : "juju status", plan.site(), "state recorded", null, text);
    }
}
