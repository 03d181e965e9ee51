package io.dayshift.platform;

import io.dayshift.engine.BuiltIntoModels;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * A model no one starts from Tasklist ({@code camunda:isStartableInTasklist="false"}: {@code await-operation},
 * {@code smoke-test-instance}, a runbook's own parts such as {@code rolling-upgrade-batch}) runs only when a runbook calls
 * it. Started on its own by a person — over REST, from Cockpit or Tasklist — it would act outside the run that owns it,
 * without that run's input checks and approval (a batch of an upgrade nobody approved), so the start is refused with 403,
 * for every user. The nightly processes ({@code daily-backup}, {@code daily-health-check}) are not offered either: they
 * start on their timers, for every site, and a person starts the runbook they run, for one site. Built into the model as
 * it is deployed, so no model can forget it.
 */
@Component
class PartsStartFromTheirRun extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        BuiltIntoModels.add(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element element, ProcessDefinitionEntity process) {
                if (!process.isStartableInTasklist()) {
                    String key = process.getKey();
                    boolean onItsTimer = element.elements("startEvent").stream().anyMatch(start -> start.element("timerEventDefinition") != null);
                    ExecutionListener calledOnly = execution -> refuseUncalled(execution, key, onItsTimer);
                    process.addBuiltInListener(ExecutionListener.EVENTNAME_START, calledOnly);
                }
            }
        });
    }

    /** A person starting a part on its own is refused; a runbook's call, and the engine itself (a job, a test), are not. */
    static void refuseUncalled(DelegateExecution execution, String key, boolean onItsTimer) {
        if (execution.getSuperExecution() != null) {
            return;
        }
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (user == null) {
            return;
        }
        if (onItsTimer) {
            throw new AuthorizationException(user.getUserId() + " may not start '" + key + "' by hand: it starts on its timer, for every "
                    + "site (start the runbook it runs, for one site, instead)");
        }
        throw new AuthorizationException(user.getUserId() + " may not start '" + key + "' on its own: it is a part of the runbooks "
                + "that call it and runs only within their runs (start the runbook instead)");
    }
}
