package io.dayshift.runbook.drain;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Which run a drain or return works for. */
final class Runs {

    private Runs() {
    }

    /** The run at the top of the calling chain: a rolling upgrade for the drains and returns it calls, else the run itself. */
    static String topRunId(DelegateExecution execution) {
        DelegateExecution top = execution.getProcessInstance();
        while (top.getSuperExecution() != null) {
            top = top.getSuperExecution().getProcessInstance();
        }
        return top.getProcessInstanceId();
    }

    /** True when another run called this one. */
    static boolean called(DelegateExecution execution) {
        return execution.getProcessInstance().getSuperExecution() != null;
    }
}
