package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SYSTEM_ID;

import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineNotFoundException;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineStatus;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckMachine} (kolla): is the machine Deployed yet (or did MAAS give up: Failed deployment)? */
@Component("checkMachineDeployment")
class CheckMachineDeploymentDelegate implements JavaDelegate {

    private final Sites sites;
    private final MachineProvisioner provisioner;

    CheckMachineDeploymentDelegate(Sites sites, MachineProvisioner provisioner) {
        this.sites = sites;
        this.provisioner = provisioner;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String systemId = SYSTEM_ID.get(execution);
        Machine m = provisioner.findMachine(sites.require(SITE.get(execution)), systemId)
                .orElseThrow(() -> new MachineNotFoundException("MAAS machine " + systemId + " is gone"));
        String outcome = Steps.outcome(execution, m.status() == MachineStatus.DEPLOYED, m.status() == MachineStatus.FAILED_DEPLOYMENT);
        String detail = m.display() + " is " + m.status().label() + (m.statusMessage().isEmpty() ? "" : " (" + m.statusMessage() + ")");
        Steps.conclude(execution, outcome, detail, "");
        Steps.record(execution, "GET machines/" + systemId + "/", m.display(), m.status().label() + " (" + outcome + ")", detail);
    }
}
