package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.JUJU_MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.UNIT;

import io.dayshift.charm.CharmModel;
import io.dayshift.charm.NewUnit;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_AddComputeUnit} (charmed): a nova-compute unit on the named MAAS machine; a unit already there is reused. */
@Component("addComputeUnit")
class AddComputeUnitDelegate implements JavaDelegate {

    private final Sites sites;
    private final CharmModel charms;
    private final AddComputeNodeSettings settings;

    AddComputeUnitDelegate(Sites sites, CharmModel charms, AddComputeNodeSettings settings) {
        this.sites = sites;
        this.charms = charms;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String host = MACHINE.get(execution);
        NewUnit unit = charms.addUnitOnMachine(sites.require(SITE.get(execution)), AddComputeNodeSettings.COMPUTE_APPLICATION, host, settings.computeTag());
        UNIT.set(execution, unit.unit());
        JUJU_MACHINE.set(execution, unit.machine());
        Steps.record(execution, "juju add-machine " + host + " --constraints tags=" + settings.computeTag() + "; juju add-unit "
                + AddComputeNodeSettings.COMPUTE_APPLICATION + " --to " + unit.machine(), host, "unit " + unit.unit() + " on machine " + unit.machine(), "");
        Steps.startWait(execution, "unit " + unit.unit() + " and its subordinates active/idle on " + host, settings.unitDeadline());
    }
}
