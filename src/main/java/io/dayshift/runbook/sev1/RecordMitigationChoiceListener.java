package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.NOTE;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.ACTION;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.CHOSEN_BY;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.DOWN_HOST_INSTANCES;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.MITIGATION_OPTIONS;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.MITIGATION_PLAN;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TARGET;

import io.dayshift.approval.Approvals;
import io.dayshift.approval.PlanTable;
import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import io.dayshift.runbook.RecordDecisionListener;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * On completing {@code Task_ChooseMitigation}: the action and target must be one of the options the findings gave, with a
 * note, by a named user; the choice and the plan the approver sees are recorded: its text and its tables ({@link MitigationPlans}).
 */
@Component("recordMitigationChoice")
class RecordMitigationChoiceListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String action = ACTION.find(task).map(String::strip).orElse("");
        String target = TARGET.find(task).map(String::strip).orElse("");
        String note = NOTE.find(task).map(String::strip).orElse("");
        MitigationOptions options = MITIGATION_OPTIONS.get(task);
        if (!options.offers(action, target)) {
            throw new FormFieldValidationException(TARGET.name(), "Action and target: '" + action + (target.isEmpty() ? "" : " " + target)
                    + "' is not one of the mitigations the findings allow; choose one of:\n" + options.describe());
        }
        if (note.isEmpty()) {
            throw new FormFieldValidationException(NOTE.name(), "'" + task.getName() + "' needs a note saying why");
        }
        String user = RecordDecisionListener.decidingUser(task);
        ACTION.set(task.getExecution(), action);
        TARGET.set(task.getExecution(), target);
        CHOSEN_BY.set(task.getExecution(), user);
        Approvals.REQUESTER.set(task.getExecution(), user);
        MITIGATION_PLAN.set(task.getExecution(), plan(action, target, SITE.get(task)) + " Chosen by " + user + ": \"" + note + "\"");
        PlanTable.VARIABLE.set(task.getExecution(), MitigationPlans.table(action, target, SITE.get(task),
                DOWN_HOST_INSTANCES.find(task).orElse(new DownHostInstances(Map.of(), RunLog.now()))));
        RunLog.record(task.getExecution(), new StepRecord(task.getTaskDefinitionKey(), "operator decision: " + action, target.isEmpty() ? SITE.get(task) : target,
                action + " (by " + user + ")", null, note, RunLog.now()));
    }

    static String plan(String action, String target, String site) {
        return switch (action) {
            case Sev1Incident.EVACUATE_HOST -> "Evacuate " + target + " on site " + site + ": check that its nova-compute is really down, force it "
                    + "down (fence), then rebuild every instance on it on healthy hosts chosen by the scheduler (anti-affinity respected).";
            case Sev1Incident.RESTART_CONTAINER_ACTION -> "Restart container " + target.substring(target.indexOf('/') + 1) + " on "
                    + target.substring(0, target.indexOf('/')) + " (docker restart, through Ansible from the deployer) on site " + site + ".";
            case Sev1Incident.RESTART_UNIT_SERVICE_ACTION -> "Restart the services of unit " + target + " on site " + site + " the way its charm "
                    + "provides: its restart-services action, else its pause then resume actions, else systemctl restart of the services it "
                    + "declares (through juju exec).";
            case Sev1Incident.ROLLBACK_UPGRADE -> "Ask the rolling upgrade " + target + " of site " + site + " to roll back (message RollbackRequested).";
            default -> "No action: verify the site again.";
        };
    }
}
