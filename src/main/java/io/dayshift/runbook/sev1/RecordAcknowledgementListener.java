package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.sev1.Sev1Incident.Variables.OVERRUN;

import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On completing {@code Task_AcknowledgeOverrun} or {@code Task_UpdateStatusPage}: who did it, recorded in the steps. */
@Component("recordAcknowledgement")
class RecordAcknowledgementListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String user = task.getAssignee() != null ? task.getAssignee()
                : task.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null ? "(unknown)"
                : task.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
        String what = task.getTaskDefinitionKey().equals(Sev1Incident.Elements.ACKNOWLEDGE_OVERRUN) ? "overrun acknowledged: " + OVERRUN.find(task).orElse("")
                : "status page updated: " + Sev1Incident.Variables.STATUS_PAGE_NOTE.find(task).orElse("");
        RunLog.record(task.getExecution(), new StepRecord(task.getTaskDefinitionKey(), task.getName(), user, what + " (by " + user + ")", null, "", RunLog.now()));
    }
}
