package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.JUJU_MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.UNIT;

import io.dayshift.charm.CharmModel;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RemoveComputeUnit} (charmed rollback): {@code juju remove-unit}, then {@code juju remove-machine} of the
 * now empty machine, which releases it in MAAS. While the unit is still dying Juju refuses to remove the machine; the
 * job fails and is retried ({@code retries.juju}) until it is gone. Each removal is skipped when already done.
 */
@Component("removeComputeUnit")
class RemoveComputeUnitDelegate implements JavaDelegate {

    private final Sites sites;
    private final CharmModel charms;

    RemoveComputeUnitDelegate(Sites sites, CharmModel charms) {
        this.sites = sites;
        this.charms = charms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = MACHINE.get(execution);
        UNIT.find(execution).ifPresent(unit -> RunLog.record(execution, "juju remove-unit " + unit, unit,
                charms.removeUnit(site, unit) ? "removed" : "already gone", null, ""));
        JUJU_MACHINE.find(execution).ifPresent(machine -> RunLog.record(execution, "juju remove-machine " + machine, host,
                charms.removeMachine(site, machine) ? "removed (Juju releases it in MAAS)" : "already gone", null, ""));
    }
}
