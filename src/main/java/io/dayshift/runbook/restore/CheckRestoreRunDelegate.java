package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Variables.KOLLA_RUN;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.engine.ProcessVariable;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRun;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.kolla.KollaRunState;
import io.dayshift.kolla.KollaRunStatus;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import io.dayshift.engine.RunLog;

/**
 * {@code Task_CheckRun} of {@code await-kolla-run}, which rolling-upgrade's rollback still calls after the database steps it
 * reuses (dr-restore awaits its runs with await-operation); it goes with await-kolla-run. One look at the detached run {@code kollaRun}. Still running: {@code
 * runEnded} false (the timer waits again). Succeeded: {@code runEnded}. Failed or lost: {@code RESTORE_STEP_FAILED} with the
 * outcome, the troubled hosts and the log tail, which the calling runbook catches.
 */
@Component("checkAwaitedRun")
class CheckRestoreRunDelegate implements JavaDelegate {

    static final ProcessVariable<Boolean> RUN_ENDED = ProcessVariable.bool("runEnded");

    private final Sites sites;
    private final KollaDeployer kolla;

    CheckRestoreRunDelegate(Sites sites, KollaDeployer kolla) {
        this.sites = sites;
        this.kolla = kolla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        KollaRunHandle handle = KOLLA_RUN.get(execution);
        KollaRunState state = kolla.check(sites.require(SITE.get(execution)), handle);
        boolean succeeded = state.result().map(KollaRun::succeeded).orElse(false);
        RUN_ENDED.set(execution, succeeded);
        RunLog.record(execution, "check run " + handle.runId() + " (" + handle.command() + ")", handle.runId(), state.status().toString(),
                state.result().map(KollaRun::exitCode).orElse(null), state.detail() + (state.logTail().isEmpty() ? "" : "\n" + state.logTail()));
        if (!state.running() && !succeeded) {
            throw new BpmnError(DrRestore.RESTORE_STEP_FAILED, state.detail() + (state.status() == KollaRunStatus.LOST ? "" : "\n" + tail(state.logTail())));
        }
    }

    private static String tail(String log) {
        return log.length() <= 3000 ? log : "…" + log.substring(log.length() - 3000);
    }
}
