package io.dayshift.runbook.await;

import io.dayshift.runbook.OperatorChoices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
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
        describe(task.getExecution());
        task.setVariable(AwaitOperation.CHOICES, OperatorChoices.of((overdue ? AwaitOperation.WAIT_DECISION + "," : "") + decisions));
    }

    /** What the operation changes and what it is, for a decision form and the run log. */
    static void describe(DelegateExecution execution) {
        Operation operation = AwaitOperation.OPERATION.get(execution);
        AwaitOperation.TARGET.set(execution, operation.target());
        AwaitOperation.DESCRIPTION.set(execution, operation.description() + (operation.target().isEmpty() ? "" : " (" + operation.target() + ")")
                + " on site " + operation.site());
    }
}
