package io.dayshift.runbook.commission;

import io.dayshift.engine.RunLog;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.MACHINES;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.OUTCOMES;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.TAGS;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.TARGETS;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.TESTING_SCRIPTS;

import io.dayshift.machine.MachineProvisioner;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ValidateInput}: the site, every name, every machine's existence and status; else {@code INPUT_REJECTED}. */
@Component("validateCommissionInput")
class ValidateCommissionInputDelegate implements JavaDelegate {

    private final InputCheck check;

    ValidateCommissionInputDelegate(Sites sites, MachineProvisioner provisioner) {
        this.check = new InputCheck(sites, provisioner);
    }

    @Override
    public void execute(DelegateExecution execution) {
        String site = SITE.find(execution).orElse("");
        InputCheck.Result result = check.check(site, MACHINES.find(execution).orElse(""), TAGS.find(execution).orElse(""),
                TESTING_SCRIPTS.find(execution).orElse(""));
        if (!result.accepted()) {
            String message = "Input rejected, nothing was commissioned on site " + InputCheck.printable(site) + ": " + String.join("; ", result.problems()) + ".";
            RunLog.record(execution, "check the input against MAAS", site, "rejected", message);
            throw new BpmnError(CommissionMachines.INPUT_REJECTED, message);
        }
        TARGETS.set(execution, result.targets());
        OUTCOMES.set(execution, new MachineOutcomes(List.of()));
        RunLog.record(execution, "check the input against MAAS", site, "accepted",
                String.join(", ", result.targets().machines().stream().map(t -> t.display() + " " + t.statusBefore().label()).toList()));
    }
}
