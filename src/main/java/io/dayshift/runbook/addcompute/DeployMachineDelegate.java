package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.SYSTEM_ID;

import io.dayshift.engine.RunLog;
import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineNotFoundException;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineStatus;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_DeployMachine} (kolla): kolla-ansible needs a reachable host with an OS, so the machine is allocated (with
 * the compute tag) and deployed in MAAS first; {@code Task_AwaitMachine} awaits it Deployed. A machine already Deploying
 * or Deployed is left alone.
 */
@Component("deployComputeMachine")
class DeployMachineDelegate implements JavaDelegate {

    private final Sites sites;
    private final MachineProvisioner provisioner;
    private final AddComputeNode settings;

    DeployMachineDelegate(Sites sites, MachineProvisioner provisioner, AddComputeNode settings) {
        this.sites = sites;
        this.provisioner = provisioner;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String systemId = SYSTEM_ID.get(execution);
        Machine machine = provisioner.findMachine(site, systemId).orElseThrow(() -> new MachineNotFoundException(
                "site " + site.name() + ": MAAS machine " + systemId + " (" + MACHINE.get(execution) + ") is gone"));
        String action = "none: already " + machine.status().label();
        if (machine.status() == MachineStatus.READY) {
            provisioner.allocate(site, systemId, List.of(settings.computeTag()));
            machine = provisioner.deploy(site, systemId);
            action = "POST machines/?op=allocate system_id=" + systemId + " tags=" + settings.computeTag() + "; POST machines/" + systemId + "/?op=deploy";
        } else if (machine.status() == MachineStatus.ALLOCATED) {
            machine = provisioner.deploy(site, systemId);
            action = "POST machines/" + systemId + "/?op=deploy";
        }
        RunLog.record(execution, action, machine.display(), machine.status().label(), null, machine.statusMessage());
        AwaitOperation.OPERATION.set(execution, MachineDeploymentProbe.operation(site.name(), machine));
    }
}
