package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.RunVariables.FLAVOUR;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.ATTEMPT;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.AVAILABILITY_ZONE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.CAPACITY;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.CPU_COUNT;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.MEMORY_MIB;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.SYSTEM_ID;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.ZONE;

import io.dayshift.charm.CharmModel;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.engine.RunLog;
import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.runbook.InputProblems;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ValidateInput}: the site, the machine (MAAS hostname, Ready, tagged, not yet a compute host) and the zone. */
@Component("validateAddComputeInput")
class ValidateAddComputeInputDelegate implements JavaDelegate {

    private final AdditionInputCheck check;

    ValidateAddComputeInputDelegate(Sites sites, MachineProvisioner provisioner, ComputeCloud compute, CharmModel charms, AddComputeNode settings) {
        this.check = new AdditionInputCheck(sites, provisioner, compute, charms, settings.computeTag());
    }

    @Override
    public void execute(DelegateExecution execution) {
        String machineName = MACHINE.find(execution).orElse(null);
        AdditionInputCheck.Result result = check.check(SITE.find(execution).orElse(null), machineName, AVAILABILITY_ZONE.find(execution).orElse(""));
        if (result.target().isEmpty()) {
            String why = result.problems().message("Nothing was done: the input was rejected");
            RunLog.record(execution, "validate input", InputProblems.printable(machineName), "rejected", null, why);
            throw new BpmnError(AddComputeNode.INPUT_REJECTED, why);
        }
        AdditionInputCheck.Target target = result.target().get();
        Machine m = target.machine();
        FLAVOUR.set(execution, target.site().flavour().name());
        SYSTEM_ID.set(execution, m.systemId());
        ZONE.set(execution, target.zone());
        CPU_COUNT.set(execution, (long) m.cpuCount());
        MEMORY_MIB.set(execution, m.memoryMib());
        CAPACITY.set(execution, m.cpuCount() + " CPU threads, " + m.memoryMib() + " MiB RAM, " + m.storageMb() / 1000 + " GB disk");
        ATTEMPT.set(execution, 0L); // Gateway_WhichFlavour counts the first deployment attempt
        RunLog.record(execution, "GET machines/?hostname=" + m.hostname() + "; GET /os-services", m.display(),
                "accepted: " + m.status().label() + ", zone " + target.zone() + ", " + target.site().flavour(), null, "");
    }
}
