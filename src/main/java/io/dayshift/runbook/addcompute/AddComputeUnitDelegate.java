package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.JUJU_MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.UNIT;

import io.dayshift.charm.CharmModel;
import io.dayshift.charm.NewUnit;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_AddComputeUnit} (charmed): a nova-compute unit on the named MAAS machine, which {@code Task_AwaitUnit} awaits
 * active/idle; a unit already there is reused.
 */
@Component("addComputeUnit")
class AddComputeUnitDelegate implements JavaDelegate {

    private final Sites sites;
    private final CharmModel charms;
    private final AddComputeNode settings;

    AddComputeUnitDelegate(Sites sites, CharmModel charms, AddComputeNode settings) {
        this.sites = sites;
        this.charms = charms;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String site = SITE.get(execution);
        String host = MACHINE.get(execution);
        NewUnit unit = charms.addUnitOnMachine(sites.require(site), AddComputeNode.COMPUTE_APPLICATION, host, settings.computeTag());
        UNIT.set(execution, unit.unit());
        JUJU_MACHINE.set(execution, unit.machine());
        RunLog.record(execution, "juju add-machine " + host + " --constraints tags=" + settings.computeTag() + "; juju add-unit "
                + AddComputeNode.COMPUTE_APPLICATION + " --to " + unit.machine(), host, "unit " + unit.unit() + " on machine " + unit.machine(), null, "");
        AwaitOperation.OPERATION.set(execution, ComputeUnitProbe.operation(site, unit.unit(), host));
    }
}
