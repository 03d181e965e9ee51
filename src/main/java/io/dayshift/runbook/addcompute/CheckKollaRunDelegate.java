package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.KOLLA_RUN;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.KOLLA_STEP;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;

import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRun;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.kolla.KollaRunState;
import io.dayshift.kolla.KollaRunStatus;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckKollaRun} (kolla): one look at the detached run. Finished well: the next action ({@code next}) or,
 * after deploy, {@code ready}; finished badly or lost: {@code failed}, with the recap and the log tail for the operator.
 */
@Component("checkKollaRun")
class CheckKollaRunDelegate implements JavaDelegate {

    private final Sites sites;
    private final KollaDeployer kolla;

    CheckKollaRunDelegate(Sites sites, KollaDeployer kolla) {
        this.sites = sites;
        this.kolla = kolla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        KollaRunHandle handle = KOLLA_RUN.get(execution);
        KollaRunState state = kolla.check(sites.require(SITE.get(execution)), handle);
        boolean succeeded = state.result().map(KollaRun::succeeded).orElse(false);
        boolean failed = state.status() == KollaRunStatus.LOST || state.status() == KollaRunStatus.FINISHED && !succeeded;
        String outcome = Steps.outcome(execution, succeeded, failed);
        long step = KOLLA_STEP.get(execution);
        if (succeeded && step + 1 < AddComputeNodeSettings.KOLLA_ACTIONS.size()) {
            KOLLA_STEP.set(execution, step + 1);
            outcome = AddComputeNodeIds.OUTCOME_NEXT;
        }
        Steps.conclude(execution, outcome, state.detail(), state.logTail());
        Steps.record(execution, "check run " + handle.runId() + " (" + handle.command() + ")", handle.runId(), state.status() + " (" + outcome + ")",
                state.result().map(KollaRun::exitCode).orElse(null), state.detail() + (state.logTail().isEmpty() ? "" : "\n" + state.logTail()));
    }
}
