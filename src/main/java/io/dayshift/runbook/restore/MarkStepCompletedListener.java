package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestoreVariables.AWAITED_STEP;
import static io.dayshift.runbook.restore.DrRestoreVariables.COMPLETED;
import static io.dayshift.runbook.restore.DrRestoreVariables.KOLLA_RUN;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** On the end of each {@code Task_Await…} (a call of await-kolla-run), unless a failure cancelled it: the awaited step ended well, so a retry skips it. */
@Component("markStepCompleted")
class MarkStepCompletedListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            return; // ended by the failure it threw: not completed
        }
        String step = AWAITED_STEP.get(execution);
        COMPLETED.set(execution.getProcessInstance(), COMPLETED.find(execution).orElse(new DrRestoreVariables.CompletedSteps(null)).with(step));
        KOLLA_RUN.set(execution.getProcessInstance(), null);
    }
}
