package io.dayshift.engine;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Who started a run, from the engine's own record, never from a variable anyone could write: the start user of the root
 * run (a part of a run, such as a drain called by an upgrade, was started by whoever started the upgrade). While the run
 * is being started, in the same transaction, the record is not written yet: then it is the user starting it now. Empty
 * for a run the engine started itself (a timer, an alert).
 */
public final class StartedBy {

    private StartedBy() {
    }

    public static Optional<String> of(DelegateExecution execution) {
        String root = ((ExecutionEntity) execution).getRootProcessInstanceId();
        HistoricProcessInstance record = Context.getCommandContext().runWithoutAuthorization(() ->
                execution.getProcessEngineServices().getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(root).singleResult());
        if (record != null) {
            return Optional.ofNullable(record.getStartUserId());
        }
        Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return Optional.ofNullable(current).map(Authentication::getUserId);
    }
}
