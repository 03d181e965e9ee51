package io.dayshift.runbook.commission;

import static io.dayshift.runbook.commission.CommissionMachinesVariables.OUTCOMES;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Updates one machine's entry in the run's {@code outcomes}. */
final class Outcomes {

    private Outcomes() {
    }

    static void update(DelegateExecution execution, MachineOutcome outcome) {
        MachineOutcomes all = OUTCOMES.find(execution).orElse(new MachineOutcomes(List.of()));
        OUTCOMES.set(execution.getProcessInstance(), all.with(outcome));
    }
}
