package io.dayshift.lease;

import static io.dayshift.runbook.await.AwaitLease.WAITING_FOR;

import io.dayshift.engine.RunLog;
import io.dayshift.runbook.RecordDecisionListener;
import io.dayshift.runbook.RunNames;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code Task_WaitForLease} of await-lease. Created: the task is named after what is in the way ("Waiting for cn03 on lab,
 * held by drain cn03 @ lab (drain-compute-node), started by olga at …", the holder by its name, never its id), so that Tasklist and Cockpit say it. Completed by Dayshift
 * (nobody signed in: {@link LeaseWaits} found it free): recorded in the run's log. Completed by an ops lead: an operator's
 * decision (keep waiting or give up, with a note), recorded as every decision is.
 */
@Component("leaseWaitTask")
class LeaseWaitTask implements TaskListener {

    /** The longest task name the engine stores. */
    private static final int NAME_MAX = 255;

    private final RecordDecisionListener decisions;

    LeaseWaitTask(RecordDecisionListener decisions) {
        this.decisions = decisions;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            String waiting = WAITING_FOR.get(task);
            String run = task.getExecution().getProcessBusinessKey();
            task.setName(run == null || run.isBlank() ? (waiting.length() > NAME_MAX ? waiting.substring(0, NAME_MAX - 1) + "…" : waiting)
                    : RunNames.named(waiting, run));
        } else if (task.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null) {
            RunLog.record(task.getExecution(), "wait for a lease", WAITING_FOR.get(task), "free again: taking it", null);
        } else {
            decisions.notify(task);
        }
    }
}
