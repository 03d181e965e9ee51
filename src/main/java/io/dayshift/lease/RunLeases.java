package io.dayshift.lease;

import io.dayshift.engine.BuiltIntoModels;
import io.dayshift.engine.StartedBy;
import io.dayshift.runbook.await.AwaitLease;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One change at a time per target, built into the models as they are deployed:
 * <ul>
 *   <li>a run of a runbook that declares {@link LeaseDeclaration leases} takes them all as it starts, or is refused at
 *       once with who holds what since when, the holding run by its name and id (a start by a person: 403; by a timer: the job fails and raises an incident
 *       that says so). The leases belong to the outermost run of the call chain that declares leases ({@link #owner}): a
 *       rolling upgrade's drains take theirs under the upgrade, so they never conflict with it; the backups the nightly
 *       schedule calls each hold their own. What a run needs only later (the hosts of a batch) it takes with
 *       {@link AwaitLease await-lease}, which waits, visibly, while another run holds it;</li>
 *   <li>when the owning run ends — completed, cancelled, deleted — its leases are released, in the same
 *       transaction, and the runs waiting for them are woken once it is committed. A lease whose run is gone anyway is
 *       released by {@link LeaseSweeper}.</li>
 * </ul>
 * Runbooks that only read (health checks) declare none and always run.
 */
@Component
class RunLeases extends AbstractProcessEnginePlugin {

    static final String RULE = "one change at a time";
    /** The property of a parsed process that holds its {@link LeaseDeclaration}. */
    private static final String DECLARED = "dayshift-leases";

    private final ObjectProvider<LeaseStore> store;
    private final ObjectProvider<LeaseSweeper> sweeper;

    RunLeases(ObjectProvider<LeaseStore> store, ObjectProvider<LeaseSweeper> sweeper) {
        this.store = store;
        this.sweeper = sweeper;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        BuiltIntoModels.add(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element element, ProcessDefinitionEntity process) {
                String declared = BuiltIntoModels.properties(element).get(LeaseDeclaration.PROPERTY);
                if (declared != null) {
                    LeaseDeclaration leases = LeaseDeclaration.parse(declared);
                    process.setProperty(DECLARED, leases);
                    ExecutionListener takeAll = execution -> take(execution, leases);
                    process.addBuiltInListener(ExecutionListener.EVENTNAME_START, takeAll);
                }
                ExecutionListener releaseAll = this::release;
                process.addBuiltInListener(ExecutionListener.EVENTNAME_END, releaseAll);
            }

            private void release(DelegateExecution execution) {
                String run = execution.getProcessInstanceId();
                if (owner(execution).getId().equals(run) && store.getObject().release(run) > 0) {
                    Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                            committed -> sweeper.getObject().wakeSoon());
                }
            }
        });
    }

    private void take(DelegateExecution execution, LeaseDeclaration leases) {
        if (!(execution.getVariable("site") instanceof String site) || site.isBlank()) {
            return; // no site, nothing it could change: its input check refuses the run
        }
        String own = ((ExecutionEntity) execution).getProcessDefinition().getKey();
        take(store.getObject(), execution, leases.targets(site, execution)).ifPresent(held -> {
            throw new AuthorizationException("Rule '" + RULE + "': " + own + " on " + site + " cannot start: " + held.describe(runName(execution, held.run()))
                    + ". Start it again once that run has ended, or cancel that run first (Cockpit).");
        });
    }

    /**
     * Takes {@code targets} for the run that owns the execution's leases ({@link #owner}), all or none, in the current
     * transaction; the lease of another run that conflicts, when there is one.
     */
    static Optional<Lease> take(LeaseStore store, DelegateExecution execution, List<LeaseTarget> targets) {
        ExecutionEntity owner = owner(execution);
        String startedBy = StartedBy.of(execution).orElse("the engine (a timer or an alert)");
        return store.acquire(targets, owner.getId(), owner.getProcessDefinition().getKey(), startedBy, ClockUtil.getCurrentTime().toInstant());
    }

    /** The name of a run (its business key: {@code drain cn03 @ lab}), empty when it is gone. */
    static String runName(DelegateExecution execution, String runId) {
        ProcessInstance run = execution.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery().processInstanceId(runId)
                .singleResult();
        return run == null || run.getBusinessKey() == null ? "" : run.getBusinessKey();
    }

    /**
     * The run that owns what the execution's run takes: the outermost run of its call chain whose runbook declares leases
     * (a rolling upgrade, for its drains and its batches), else the execution's own run (a backup that the nightly
     * schedule calls: the schedule declares none, so each backup holds its own, until it ends).
     */
    static ExecutionEntity owner(DelegateExecution execution) {
        ExecutionEntity owner = ((ExecutionEntity) execution).getProcessInstance();
        for (ExecutionEntity caller = owner.getSuperExecution(); caller != null; caller = caller.getProcessInstance().getSuperExecution()) {
            if (caller.getProcessDefinition().getProperty(DECLARED) != null) {
                owner = caller.getProcessInstance();
            }
        }
        return owner;
    }
}
