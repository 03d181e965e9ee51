package io.dayshift.approval;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Attaches the four-eyes rule to every user task offered to {@code approvers}, as the model is
 * deployed: no runbook can forget it, and as a built-in listener it also runs when an administrator
 * modifies a run with "skip custom listeners".
 */
@Component
public class ApprovalTasks extends AbstractProcessEnginePlugin {

    private final TaskListener fourEyes = new FourEyesListener(Clock.systemUTC());

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask && offeredToApprovers(userTask.getTaskDefinition())) {
                    userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, fourEyes);
                    userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, fourEyes);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /** Whether a user task is an approval: offered to {@code approvers}. What else tells of approvals (their notices) asks this too. */
    public static boolean offeredToApprovers(TaskDefinition task) {
        return task.getCandidateGroupIdExpressions().stream()
                .map(Expression::getExpressionText)
                .flatMap(text -> Arrays.stream(text.split(",")))
                .map(String::strip)
                .anyMatch(Approvals.APPROVERS::equals);
    }
}
