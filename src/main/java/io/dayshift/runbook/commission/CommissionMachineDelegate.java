package io.dayshift.runbook.commission;

import static io.dayshift.runbook.commission.CommissionMachinesVariables.DEADLINE;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.FAILURE_REPORT;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.LAST_SEEN_STATUS;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.MACHINE_NAME;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.SITE;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.TARGET;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.TESTING_SCRIPTS;

import io.dayshift.machine.CommissioningState;
import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineStateConflictException;
import io.dayshift.machine.MachineStatus;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CommissionMachine}: starts commissioning one machine, unless MAAS shows that a request already went through
 * (a retried job, or a retry after the deadline while MAAS still works): then it only waits again. MAAS's refusal in the
 * machine's state goes to the operator ({@code COMMISSION_REFUSED}).
 */
@Component("commissionMachine")
class CommissionMachineDelegate implements JavaDelegate {

    private final Sites sites;
    private final MachineProvisioner provisioner;
    private final CommissionMachinesSettings settings;

    CommissionMachineDelegate(Sites sites, MachineProvisioner provisioner, CommissionMachinesSettings settings) {
        this.sites = sites;
        this.provisioner = provisioner;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        MachineTarget target = TARGET.get(execution);
        MachineStatus before = LAST_SEEN_STATUS.find(execution).map(MachineStatus::valueOf).orElse(target.statusBefore());
        CommissioningState now = provisioner.checkCommissioning(site, target.systemId());
        MACHINE_NAME.set(execution, target.display());
        DEADLINE.set(execution, Steps.now().plus(settings.deadline()).toString());
        if (alreadyUnderWay(now, before)) {
            LAST_SEEN_STATUS.set(execution, now.status().name());
            Steps.record(execution, "none: MAAS already shows " + now.status().label(), target.display(), "already " + now.status().label(), "");
            return;
        }
        try {
            Machine started = provisioner.commission(site, target.systemId(), CommissionInput.options(TESTING_SCRIPTS.find(execution).orElse("")));
            LAST_SEEN_STATUS.set(execution, started.status().name());
            Steps.record(execution, "POST machines/" + target.systemId() + "/?op=commission", target.display(), started.status().label(), "");
        } catch (MachineStateConflictException refused) {
            LAST_SEEN_STATUS.set(execution, now.status().name());
            FAILURE_REPORT.set(execution, refused.getMessage());
            Outcomes.update(execution, new MachineOutcome(target.systemId(), target.hostname(), MachineOutcome.Result.FAILED, refused.getMessage()));
            Steps.record(execution, "POST machines/" + target.systemId() + "/?op=commission", target.display(), "refused", refused.getMessage());
            throw new BpmnError(CommissionMachinesIds.COMMISSION_REFUSED, refused.getMessage());
        }
    }

    /** Commissioning or testing now, or Ready when it was not Ready before: a request went through since. */
    static boolean alreadyUnderWay(CommissioningState now, MachineStatus before) {
        return now.phase() == CommissioningState.Phase.IN_PROGRESS || now.status() == MachineStatus.READY && before != MachineStatus.READY;
    }
}
