package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.sev1.Sev1Incident.Variables.FOLLOW_UPS;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.ROOT_CAUSE;

import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/** On completing {@code Task_WritePostMortem}: a root cause and the follow-ups are required; they go into the steps. */
@Component("recordPostMortem")
class RecordPostMortemListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String rootCause = ROOT_CAUSE.find(task).map(String::strip).orElse("");
        String followUps = FOLLOW_UPS.find(task).map(String::strip).orElse("");
        if (rootCause.isEmpty()) {
            throw new FormFieldValidationException(ROOT_CAUSE.name(), "the post-mortem needs the root cause");
        }
        if (followUps.isEmpty()) {
            throw new FormFieldValidationException(FOLLOW_UPS.name(), "the post-mortem needs the follow-ups (write 'none' if there are none)");
        }
        String user = task.getAssignee() != null ? task.getAssignee() : "(unknown)";
        RunLog.record(task.getExecution(), new StepRecord(task.getTaskDefinitionKey(), "post-mortem", user, "written by " + user, null,
                "Root cause: " + rootCause + "\nFollow-ups: " + followUps, RunLog.now()));
    }
}
