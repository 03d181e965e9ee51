package io.dayshift.approval;

import io.dayshift.engine.BuiltIntoModels;
import io.dayshift.evidence.DecisionJournal;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Builds the approval rules into the models as they are deployed, so that no runbook can forget them, and as built-in
 * listeners they also hold when an administrator modifies a run with "skip custom listeners":
 * <ul>
 *   <li>every user task offered to {@code approvers} is an approval step: the four-eyes listener ({@link FourEyesListener})
 *       on its creation, assignment and completion, and a behaviour that leaves it only by its decided round
 *       ({@link ApprovalTaskBehavior}); its {@code plan} property names the variables its fingerprint covers;</li>
 *   <li>every service task, send task or call activity with a {@code carries-out} property checks the plan first ({@link PlanCheck}).</li>
 * </ul>
 */
@Component
public class ApprovalTasks extends AbstractProcessEnginePlugin {

    private final ApprovalPolicy policy;
    private final ObjectProvider<DecisionJournal> journal;

    ApprovalTasks(ApprovalPolicy policy, ObjectProvider<DecisionJournal> journal) {
        this.policy = policy;
        this.journal = journal;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        BuiltIntoModels.add(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask && offeredToApprovers(userTask.getTaskDefinition())) {
                    String plan = BuiltIntoModels.properties(element).getOrDefault(Approvals.PLAN_PROPERTY, "");
                    activity.setProperty(ApprovalSteps.PLAN_VARIABLES, Arrays.stream(plan.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
                    TaskListener fourEyes = new FourEyesListener(policy, Clock.systemUTC(), activity, journal::getObject);
                    TaskDefinition task = userTask.getTaskDefinition();
                    task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, fourEyes);
                    task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, fourEyes);
                    task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, fourEyes);
                    activity.setActivityBehavior(new ApprovalTaskBehavior(userTask.getTaskDecorator()));
                }
            }

            @Override
            public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                checkPlan(element, activity);
            }

            @Override
            public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                checkPlan(element, activity);
            }

            @Override
            public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
                checkPlan(element, activity);
            }
        });
    }

    private static void checkPlan(Element element, ActivityImpl activity) {
        String approval = BuiltIntoModels.properties(element).get(Approvals.CARRIES_OUT_PROPERTY);
        if (approval != null) {
            activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, new PlanCheck(approval.strip()));
        }
    }

    /** Is this user task an approval step (offered to {@code approvers} in the model)? */
    public static boolean offeredToApprovers(TaskDefinition task) {
        return task.getCandidateGroupIdExpressions().stream()
                .map(Expression::getExpressionText)
                .flatMap(text -> Arrays.stream(text.split(",")))
                .map(String::strip)
                .anyMatch(Approvals.APPROVERS::equals);
    }

    /** The variables the approval steps of a definition name as their plans (at any depth of its scopes). */
    public static Set<String> planVariables(ScopeImpl scope) {
        Set<String> names = new TreeSet<>();
        for (ActivityImpl activity : scope.getActivities()) {
            if (activity.getProperty(ApprovalSteps.PLAN_VARIABLES) != null) {
                names.addAll(ApprovalSteps.planVariables(activity));
            }
            names.addAll(planVariables(activity));
        }
        return names;
    }
}
