package io.dayshift.runbook.commission;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.LAST_SEEN_STATUS;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.TARGET;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.TESTING_SCRIPTS;

import io.dayshift.engine.RunLog;
import io.dayshift.machine.CommissioningState;
import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineStateConflictException;
import io.dayshift.machine.MachineStatus;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CommissionMachine}: starts commissioning one machine, unless MAAS shows that a request already went through
 * (a retried job, or a retry after the deadline while MAAS still works): then it only awaits it again. When MAAS refuses
 * in the machine's state, the await's first look finds it not commissioning and the ops lead decides, with MAAS's answer.
 */
@Component("commissionMachine")
class CommissionMachineDelegate implements JavaDelegate {

    private final Sites sites;
    private final MachineProvisioner provisioner;

    CommissionMachineDelegate(Sites sites, MachineProvisioner provisioner) {
        this.sites = sites;
        this.provisioner = provisioner;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        MachineTarget target = TARGET.get(execution);
        MachineStatus before = LAST_SEEN_STATUS.find(execution).map(MachineStatus::valueOf).orElse(target.statusBefore());
        CommissioningState now = provisioner.checkCommissioning(site, target.systemId());
        Optional<String> refused = Optional.empty();
        if (alreadyUnderWay(now, before)) {
            LAST_SEEN_STATUS.set(execution, now.status().name());
            RunLog.record(execution, "none: MAAS already shows " + now.status().label(), target.display(), "already " + now.status().label(), "");
        } else {
            try {
                Machine started = provisioner.commission(site, target.systemId(), CommissionInput.options(TESTING_SCRIPTS.find(execution).orElse("")));
                LAST_SEEN_STATUS.set(execution, started.status().name());
                RunLog.record(execution, "POST machines/" + target.systemId() + "/?op=commission", target.display(), started.status().label(), "");
            } catch (MachineStateConflictException conflict) {
                refused = Optional.of(conflict.getMessage());
                LAST_SEEN_STATUS.set(execution, now.status().name());
                RunLog.record(execution, "POST machines/" + target.systemId() + "/?op=commission", target.display(), "refused", conflict.getMessage());
            }
        }
        AwaitOperation.OPERATION.set(execution, CommissioningProbe.operation(site.name(), target, refused));
    }

    /** Commissioning or testing now, or Ready when it was not Ready before: a request went through since. */
    static boolean alreadyUnderWay(CommissioningState now, MachineStatus before) {
        return now.phase() == CommissioningState.Phase.IN_PROGRESS || now.status() == MachineStatus.READY && before != MachineStatus.READY;
    }
}
