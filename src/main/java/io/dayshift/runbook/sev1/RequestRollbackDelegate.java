package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.NOTE;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.CHOSEN_BY;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TARGET;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TITLE;

import io.dayshift.engine.RunLog;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RequestRollback}: sends {@code RollbackRequested} (with {@code requestedBy} and {@code reason}) to the chosen
 * rolling upgrade of this site. An upgrade that no longer waits for it (it ended, or is past the point of rolling back) is
 * recorded, not an error: the resolution then verifies the site as it is.
 */
@Component("requestUpgradeRollback")
class RequestRollbackDelegate implements JavaDelegate {

    private final RuntimeService runtime;

    RequestRollbackDelegate(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String upgrade = TARGET.get(execution);
        String reason = "Sev-1 incident " + execution.getProcessInstanceId() + " (" + TITLE.get(execution) + "): " + NOTE.find(execution).orElse("");
        String outcome;
        try {
            runtime.createMessageCorrelation(Sev1Incident.MESSAGE_ROLLBACK_REQUESTED).processInstanceId(upgrade)
                    .processInstanceVariableEquals(SITE.name(), SITE.get(execution))
                    .setVariable("requestedBy", CHOSEN_BY.get(execution)).setVariable("rollbackReason", reason).correlateWithResult();
            outcome = "rollback requested of upgrade " + upgrade;
        } catch (MismatchingMessageCorrelationException notWaiting) {
            outcome = "upgrade " + upgrade + " does not wait for a rollback request any more: nothing sent";
        }
        Mitigations.done(execution, outcome);
        RunLog.record(execution, "message " + Sev1Incident.MESSAGE_ROLLBACK_REQUESTED + " to process instance " + upgrade, upgrade, outcome, null, reason);
    }
}
