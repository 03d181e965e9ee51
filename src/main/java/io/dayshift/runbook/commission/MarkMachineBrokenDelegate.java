package io.dayshift.runbook.commission;

import io.dayshift.engine.RunLog;
import static io.dayshift.runbook.RunVariables.NOTE;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.TARGET;

import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineNotFoundException;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineStatus;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_MarkMachineBroken}: the operator's decision, with their note as MAAS's error description; a Broken machine stays as it is. */
@Component("markMachineBroken")
class MarkMachineBrokenDelegate implements JavaDelegate {

    private final Sites sites;
    private final MachineProvisioner provisioner;

    MarkMachineBrokenDelegate(Sites sites, MachineProvisioner provisioner) {
        this.sites = sites;
        this.provisioner = provisioner;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        MachineTarget target = TARGET.get(execution);
        String note = NOTE.get(execution);
        Machine machine = provisioner.findMachine(site, target.systemId()).orElseThrow(() -> new MachineNotFoundException(
                "site " + site.name() + ": MAAS no longer knows machine " + target.display() + " (mark broken)"));
        if (machine.status() != MachineStatus.BROKEN) {
            machine = provisioner.markBroken(site, target.systemId(), note);
        }
        MachineOutcomeListener.update(execution, new MachineOutcome(target.systemId(), target.hostname(), MachineOutcome.Result.BROKEN, note));
        RunLog.record(execution, "POST machines/" + target.systemId() + "/?op=mark_broken", target.display(), machine.status().label(), note);
    }
}
