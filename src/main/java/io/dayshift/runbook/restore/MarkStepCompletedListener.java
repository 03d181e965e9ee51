package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Variables.AWAITED_STEP;

import io.dayshift.runbook.await.AwaitOperation;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** On the end of each {@code Task_Await…} (a call of await-operation): when the run ended well, its step is completed, so a retry skips it. */
@Component("markStepCompleted")
class MarkStepCompletedListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        if (AwaitOperation.OUTCOME.find(execution).filter(AwaitOperation.SUCCEEDED::equals).isPresent()) {
            DrRestore.completed(execution, AWAITED_STEP.get(execution));
        }
    }
}
