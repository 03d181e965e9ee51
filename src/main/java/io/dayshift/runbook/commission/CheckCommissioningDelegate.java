package io.dayshift.runbook.commission;

import static io.dayshift.runbook.commission.CommissionMachinesVariables.DEADLINE;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.FAILURE_REPORT;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.LAST_SEEN_STATUS;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.OUTCOME;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.SITE;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.TARGET;

import io.dayshift.machine.CommissioningState;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckCommissioning}: where the machine's commissioning stands, for the gateway ({@code commissioningOutcome});
 * on failure, or past the deadline, the evidence the operator decides on ({@code failureReport}).
 */
@Component("checkCommissioning")
class CheckCommissioningDelegate implements JavaDelegate {

    private final Sites sites;
    private final MachineProvisioner provisioner;

    CheckCommissioningDelegate(Sites sites, MachineProvisioner provisioner) {
        this.sites = sites;
        this.provisioner = provisioner;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        MachineTarget target = TARGET.get(execution);
        CommissioningState state = provisioner.checkCommissioning(site, target.systemId());
        Instant deadline = Instant.parse(DEADLINE.get(execution));
        String outcome = outcome(state, deadline, Steps.now());
        LAST_SEEN_STATUS.set(execution, state.status().name());
        OUTCOME.set(execution, outcome);
        String evidence = "";
        if (outcome.equals(CommissionMachinesIds.OUTCOME_READY)) {
            Outcomes.update(execution, new MachineOutcome(target.systemId(), target.hostname(), MachineOutcome.Result.READY, state.statusMessage()));
        } else if (!outcome.equals(CommissionMachinesIds.OUTCOME_IN_PROGRESS)) {
            evidence = FailureReports.of(state, outcome, deadline, provisioner.failedScripts(site, target.systemId()));
            FAILURE_REPORT.set(execution, evidence);
            Outcomes.update(execution, new MachineOutcome(target.systemId(), target.hostname(), MachineOutcome.Result.FAILED, evidence));
        }
        Steps.record(execution, "GET machines/" + target.systemId() + "/", target.display(), state.status().label() + " (" + outcome + ")", evidence);
    }

    static String outcome(CommissioningState state, Instant deadline, Instant now) {
        return switch (state.phase()) {
            case SUCCEEDED -> CommissionMachinesIds.OUTCOME_READY;
            case IN_PROGRESS -> now.isAfter(deadline) ? CommissionMachinesIds.OUTCOME_OVERDUE : CommissionMachinesIds.OUTCOME_IN_PROGRESS;
            case FAILED, NOT_COMMISSIONING -> CommissionMachinesIds.OUTCOME_FAILED;
        };
    }
}
