package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TIMELINE;

import io.dayshift.approval.Approvals;
import io.dayshift.engine.RunLog;
import io.dayshift.engine.StartedBy;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

/** As {@code Task_WritePostMortem} opens: the incident's timeline for its form ({@link IncidentTimeline}). */
@Component("writeIncidentTimeline")
class WriteIncidentTimelineListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        TIMELINE.set(task.getExecution(), IncidentTimeline.of(Sev1Incident.incident(task.getExecution()),
                StartedBy.of(task.getExecution()).orElse("the alert intake"),
                RunLog.STEPS.find(task).map(RunLog.StepRecords::steps).orElse(List.of()),
                Approvals.DECISIONS.find(task).map(Approvals.Decisions::decisions).orElse(List.of()),
                id -> Optional.ofNullable(task.getExecution().getBpmnModelInstance().<FlowElement>getModelElementById(id)).map(FlowElement::getName).orElse(id)));
    }
}
