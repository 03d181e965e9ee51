package io.dayshift.runbook;

import io.dayshift.engine.BuiltIntoModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every model, as the model is deployed, a built-in listener that has its notice sent
 * ({@link DecisionNotices}) once the transaction that created the task has committed: no runbook can forget it, a task
 * whose creation is rolled back tells no one, and nothing is sent from inside the run's transaction.
 */
@Component
class DecisionNoticeTasks extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionNoticeTasks.class);

    private final TaskListener afterCreation;

    DecisionNoticeTasks(ObjectProvider<DecisionNotices> notices) {
        this.afterCreation = task -> whenCommitted(task, () -> notices.getObject().opened(task.getId()));
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        BuiltIntoModels.add(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, afterCreation);
                }
            }
        });
    }

    private static void whenCommitted(DelegateTask task, Runnable action) {
        try {
            Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> action.run());
        } catch (RuntimeException e) {
            // a notice never fails the run that creates the task
            LOG.warn("no notice for task {} ({}): {}", task.getId(), task.getTaskDefinitionKey(), e.getMessage());
        }
    }
}
