package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.upgrade.RollingUpgradeVariables.*;

import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_Start…Step}, {@code Task_StartBatchUpgrade}: starts the loop's {@code step}; a kolla run is detached, as run
 * {@code <processInstanceId>-<step key>-<attempt>}, so a retried job finds the run it started and an operator's retry
 * starts a new one. No step starts while the kolla run of an earlier step still runs (one an interrupting rollback request
 * left behind): the job fails, retries and raises an incident, and starts once that run has ended.
 */
@Component("startUpgradeStep")
class StartUpgradeStepDelegate implements JavaDelegate {

    private final Sites sites;
    private final UpgradeStepRunner runner;
    private final RollingUpgradeSettings settings;

    StartUpgradeStepDelegate(Sites sites, UpgradeStepRunner runner, RollingUpgradeSettings settings) {
        this.sites = sites;
        this.runner = runner;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UpgradeStep step = STEP.get(execution);
        String runId = execution.getProcessInstanceId() + "-" + step.key() + "-" + ATTEMPT.find(execution).orElse(1L);
        Site site = sites.require(SITE.get(execution));
        // a step the upgrade left when it was interrupted (a rollback request) may still run on the deployer
        KOLLA_RUN.find(execution).filter(previous -> !previous.runId().equals(runId)).ifPresent(previous -> runner.requireEnded(site, previous));
        UpgradeStepRunner.Started started = runner.start(site, step, runId);
        started.run().ifPresent(handle -> KOLLA_RUN.set(execution, handle));
        Steps.record(execution, started.action(), String.join(",", step.targets()), started.result(), started.failure().orElse(""));
        Steps.startWait(execution, step.key() + ": " + step.description(), settings.stepDeadline());
        STEP_FAILURE.set(execution, started.failure().orElse(""));
    }
}
