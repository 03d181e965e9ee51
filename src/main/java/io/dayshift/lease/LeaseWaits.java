package io.dayshift.lease;

import static io.dayshift.runbook.await.AwaitLease.WANTED;

import io.dayshift.runbook.await.AwaitLease;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Wakes the runs waiting in await-lease whose wanted targets are free now, by completing their wait task as Dayshift
 * (the run then tries to take them, and waits again if another run was quicker). Any node may wake any run: the
 * waits are found in the database, and a wait two nodes wake at once is completed by one of them.
 */
@Component
public class LeaseWaits {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseWaits.class);

    private final LeaseStore store;
    private final ObjectProvider<ProcessEngine> engine;

    LeaseWaits(LeaseStore store, ObjectProvider<ProcessEngine> engine) {
        this.store = store;
        this.engine = engine;
    }

    /** Wakes every wait whose targets are free now; how many. */
    public int wake() {
        ProcessEngine processEngine = engine.getObject();
        int woken = 0;
        for (Task wait : processEngine.getTaskService().createTaskQuery().processDefinitionKey(AwaitLease.PROCESS_KEY)
                .taskDefinitionKey(AwaitLease.WAIT).active().list()) {
            Object owner = processEngine.getRuntimeService().getVariable(wait.getExecutionId(), AwaitLease.OWNER.name());
            if (owner instanceof String run && store.conflict(wanted(processEngine, wait), run).isEmpty() && woke(processEngine, wait)) {
                woken++;
            }
        }
        return woken;
    }

    private static List<LeaseTarget> wanted(ProcessEngine processEngine, Task wait) {
        Object keys = processEngine.getRuntimeService().getVariable(wait.getExecutionId(), WANTED.name());
        return keys instanceof String list && !list.isBlank() ? Arrays.stream(list.split(",")).map(LeaseTarget::parse).toList() : List.of();
    }

    private static boolean woke(ProcessEngine processEngine, Task wait) {
        try {
            processEngine.getTaskService().complete(wait.getId());
            return true;
        } catch (ProcessEngineException e) { // an optimistic locking failure among them: another node woke it first
            LOG.info("Did not wake '{}': decided, cancelled or woken by another node meanwhile ({})", wait.getName(), e.getMessage());
        }
        return false;
    }
}
