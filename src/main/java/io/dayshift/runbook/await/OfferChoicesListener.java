package io.dayshift.runbook.await;

import io.dayshift.runbook.OperatorChoices;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On creating {@code Task_DecideOperation}: what the operation is, and the choices its form offers: the runbook's decisions, and "keep waiting"
 * first when only the deadline passed (an operation that failed is not waited for again).
 */
@Component("offerOperationChoices")
class OfferChoicesListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String decisions = AwaitOperation.DECISIONS.get(task);
        boolean overdue = AwaitOperation.OUTCOME.find(task).filter(AwaitOperation.TIMED_OUT::equals).isPresent();
        Operation operation = AwaitOperation.OPERATION.get(task);
        AwaitOperation.TARGET.set(task.getExecution(), operation.target());
        AwaitOperation.DESCRIPTION.set(task.getExecution(), operation.description() + (operation.target().isEmpty() ? "" : " (" + operation.target() + ")")
                + " on site " + operation.site());
        task.setVariable(AwaitOperation.CHOICES, OperatorChoices.of((overdue ? AwaitOperation.WAIT_DECISION + "," : "") + decisions));
    }
}
