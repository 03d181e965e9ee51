package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.UNIT;

import io.dayshift.charm.CharmModel;
import io.dayshift.charm.UnitCheck;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckUnit} (charmed): one look at the new unit, its machine and its subordinates. */
@Component("checkComputeUnit")
class CheckComputeUnitDelegate implements JavaDelegate {

    private final Sites sites;
    private final CharmModel charms;

    CheckComputeUnitDelegate(Sites sites, CharmModel charms) {
        this.sites = sites;
        this.charms = charms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UnitCheck check = charms.checkUnit(sites.require(SITE.get(execution)), UNIT.get(execution));
        String outcome = Steps.outcome(execution, check.ready(), check.failed());
        Steps.conclude(execution, outcome, check.summary(), String.join("\n", check.pending()));
        Steps.record(execution, "juju status --format=json", check.unit(), check.readiness() + " (" + outcome + ")", check.summary());
    }
}
