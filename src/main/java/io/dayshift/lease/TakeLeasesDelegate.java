package io.dayshift.lease;

import static io.dayshift.runbook.await.AwaitLease.LEASES;
import static io.dayshift.runbook.await.AwaitLease.OWNER;
import static io.dayshift.runbook.await.AwaitLease.TAKEN;
import static io.dayshift.runbook.await.AwaitLease.WAITING_FOR;
import static io.dayshift.runbook.await.AwaitLease.WANTED;

import io.dayshift.engine.ProcessVariable;
import io.dayshift.engine.RunLog;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_TakeLeases} of await-lease: takes what the run needs now for the run that owns its leases, all or none,
 * or says what is in the way. Taking again what the run holds already is harmless, so a retry is too.
 */
@Component("takeLeases")
class TakeLeasesDelegate implements JavaDelegate {

    private static final ProcessVariable<String> SITE = ProcessVariable.string("site");

    private final LeaseStore store;

    TakeLeasesDelegate(LeaseStore store) {
        this.store = store;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<LeaseTarget> targets = LeaseDeclaration.parse(LEASES.get(execution)).targets(SITE.get(execution), execution);
        Optional<Lease> held = RunLeases.take(store, execution, targets);
        OWNER.set(execution, RunLeases.owner(execution).getId());
        WANTED.set(execution, targets.stream().map(LeaseTarget::key).collect(Collectors.joining(",")));
        WAITING_FOR.set(execution, held.map(lease -> lease.waitingFor(RunLeases.runName(execution, lease.run()))).orElse(""));
        TAKEN.set(execution, held.isEmpty());
        RunLog.record(execution, "take leases", targets.stream().map(LeaseTarget::describe).collect(Collectors.joining(", ")),
                held.map(Lease::describe).orElse("taken"), null);
    }
}
