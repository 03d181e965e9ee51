package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.SYSTEM_ID;

import io.dayshift.engine.RunLog;
import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ReleaseMachine} (rollback): the machine back to Ready in MAAS, with its tag, for another attempt. MAAS
 * does nothing for a machine already Releasing or Ready (as after Juju removed its machine).
 */
@Component("releaseComputeMachine")
class ReleaseMachineDelegate implements JavaDelegate {

    private final Sites sites;
    private final MachineProvisioner provisioner;

    ReleaseMachineDelegate(Sites sites, MachineProvisioner provisioner) {
        this.sites = sites;
        this.provisioner = provisioner;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String systemId = SYSTEM_ID.get(execution);
        Machine m = provisioner.release(sites.require(SITE.get(execution)), systemId, false);
        RunLog.record(execution, "POST machines/" + systemId + "/?op=release", m.display(), m.status().label(), null, m.statusMessage());
    }
}
