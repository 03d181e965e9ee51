package io.dayshift.evidence;

import io.dayshift.engine.RunLog;
import io.dayshift.evidence.EvidenceStore.Where;
import io.dayshift.site.Secrets;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@link Journal}: finds the run and step in the engine's execution context of the current thread, masks every known
 * secret in what it is given, and appends to the run's chain in the current transaction ({@link EvidenceStore}). A call
 * whose transaction then rolls back is written again, after the rollback, in a transaction of its own, as
 * {@link Entry#CALL_NOT_COMMITTED}.
 */
@Component
class EngineJournal implements Journal, DecisionJournal {

    private static final Logger LOG = LoggerFactory.getLogger(EngineJournal.class);
    private static final String SITE = "site";

    private final EvidenceStore store;
    private final Secrets secrets;

    EngineJournal(EvidenceStore store, Secrets secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    @Override
    public void record(Call call) {
        Optional<Where> where = current();
        if (where.isEmpty()) {
            return; // outside any run: nothing it could be evidence of
        }
        Instant at = RunLog.now();
        String target = secrets.redact(call.target());
        String action = secrets.redact(call.action());
        String outcome = secrets.redact(call.outcome());
        String detail = secrets.redact(call.detail());
        store.append(where.get(), at, Entry.CALL, call.origin(), target, action, outcome, detail);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) {
                        notCommitted(where.get(), at, call.origin(), target, action, outcome, detail);
                    }
                }
            });
        }
    }

    private void notCommitted(Where where, Instant at, String origin, String target, String action, String outcome, String detail) {
        try {
            store.inOwnTransaction(() -> store.append(where, at, Entry.CALL_NOT_COMMITTED, origin, target, action, outcome, detail));
        } catch (RuntimeException e) {
            LOG.error("Could not journal that a call of run {} (step {}: {}) was made in a transaction that rolled back", where.run(),
                    where.step(), action, e);
        }
    }

    @Override
    public void record(DelegateExecution execution, String step, Decision decision) {
        String outcome = "by " + decision.by() + (decision.fingerprint().isEmpty() ? "" : ", plan " + decision.fingerprint());
        store.append(where(execution, step), RunLog.now(), decision.kind(), Entry.PEOPLE, secrets.redact(decision.target()),
                secrets.redact(decision.decision()), secrets.redact(outcome), secrets.redact(decision.reason()));
    }

    /** Appends an entry the engine itself gives (failed job, incident, run ended) to the run {@code execution} belongs to. */
    Entry recordEngine(Where where, String kind, String target, String action, String outcome, String detail) {
        return store.append(where, RunLog.now(), kind, Entry.ENGINE, secrets.redact(target), secrets.redact(action),
                secrets.redact(outcome), secrets.redact(detail));
    }

    /** The run and step being executed on this thread; empty outside any run. */
    static Optional<Where> current() {
        BpmnExecutionContext context = Context.getBpmnExecutionContext();
        ExecutionEntity execution = context == null ? null : context.getExecution();
        if (execution == null || execution.getProcessInstance() == null) {
            return Optional.empty();
        }
        String step = execution.getActivityId() != null ? execution.getActivityId() : execution.getCurrentActivityId();
        return Optional.of(where(execution, step));
    }

    /** Where an entry about {@code step} of the run that {@code execution} belongs to goes. */
    static Where where(DelegateExecution execution, String step) {
        DelegateExecution run = RunLog.run(execution);
        String site = run.getVariable(SITE) instanceof String s && !s.isBlank() ? s : SiteLink.NO_SITE;
        String runbook = run instanceof ExecutionEntity entity && entity.getProcessDefinition() != null ? entity.getProcessDefinition().getKey() : "";
        return new Where(run.getId(), step, site, runbook);
    }
}
