package io.dayshift.runbook.commission;

import static io.dayshift.runbook.commission.CommissionMachinesVariables.DECISION;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.DECISIONS;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.NOTE;
import static io.dayshift.runbook.commission.CommissionMachinesVariables.TARGET;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing {@code Task_DecideFailedMachine}: the decision must be {@code retry}, {@code mark-broken} or {@code skip}
 * with a note, made by a named user; it is recorded in {@code operatorDecisions} and in the steps.
 */
@Component("recordMachineDecision")
class RecordMachineDecisionListener implements TaskListener {

    private static final Set<String> DECISIONS_ALLOWED = Set.of(CommissionMachinesIds.RETRY, CommissionMachinesIds.MARK_BROKEN, CommissionMachinesIds.SKIP);

    @Override
    public void notify(DelegateTask task) {
        String decision = DECISION.find(task).map(String::strip).orElse("");
        String note = NOTE.find(task).map(String::strip).orElse("");
        if (!DECISIONS_ALLOWED.contains(decision)) {
            throw new FormFieldValidationException(DECISION.name(), "'" + task.getName() + "' needs a decision: retry, mark-broken or skip");
        }
        if (note.isEmpty()) {
            throw new FormFieldValidationException(NOTE.name(), "'" + task.getName() + "' needs a note saying why");
        }
        String user = decidingUser(task);
        DelegateExecution execution = task.getExecution();
        MachineTarget target = TARGET.get(execution);
        List<OperatorDecision> all = new ArrayList<>(DECISIONS.find(execution).map(OperatorDecision.Decisions::decisions).orElse(List.of()));
        all.add(new OperatorDecision(target.display(), decision, note, user, Steps.now()));
        DECISIONS.set(execution.getProcessInstance(), new OperatorDecision.Decisions(all));
        if (decision.equals(CommissionMachinesIds.SKIP)) {
            Outcomes.update(execution, new MachineOutcome(target.systemId(), target.hostname(), MachineOutcome.Result.SKIPPED, note));
        }
        Steps.record(execution, CommissionMachinesIds.DECIDE_FAILED_MACHINE, "operator decision: " + decision, target.display(),
                decision + " (by " + user + ")", note);
    }

    private static String decidingUser(DelegateTask task) {
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String user = current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
        if (user == null) {
            throw new AuthorizationException("'" + task.getName() + "' must be decided by a named user: claim it first");
        }
        return user;
    }
}
