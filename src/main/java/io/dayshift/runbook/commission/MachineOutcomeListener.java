package io.dayshift.runbook.commission;

import static io.dayshift.runbook.commission.CommissionMachines.Variables.OUTCOMES;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.TARGET;

import io.dayshift.runbook.RunVariables;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * A machine's outcome, kept in the run's {@code outcomes} when the machine's path ends; the model calls it on its end
 * events: {@code ${machineOutcome.record(execution, 'READY')}}.
 */
@Component("machineOutcome")
public class MachineOutcomeListener {

    /** Records the machine of this sub-process instance with {@code result}; the ops lead's note says why when there is one. */
    public void record(DelegateExecution execution, String result) {
        MachineTarget target = TARGET.get(execution);
        String detail = result.equals(MachineOutcome.Result.READY.name()) ? "" : RunVariables.NOTE.find(execution).orElse("");
        update(execution, new MachineOutcome(target.systemId(), target.hostname(), MachineOutcome.Result.valueOf(result), detail));
    }

    static void update(DelegateExecution execution, MachineOutcome outcome) {
        MachineOutcomes all = OUTCOMES.find(execution).orElse(new MachineOutcomes(List.of()));
        OUTCOMES.set(execution.getProcessInstance(), all.with(outcome));
    }
}
