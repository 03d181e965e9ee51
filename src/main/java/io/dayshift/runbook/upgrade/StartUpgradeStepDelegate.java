package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.upgrade.RollingUpgradeVariables.*;

import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_Start…Step}, {@code Task_StartBatchUpgrade}: starts the loop's {@code step}; a kolla run is detached, as run
 * {@code <processInstanceId>-<step key>-<attempt>}, so a retried job finds the run it started and an operator's retry
 * starts a new one.
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
        UpgradeStepRunner.Started started = runner.start(sites.require(SITE.get(execution)), step, runId);
        started.run().ifPresent(handle -> KOLLA_RUN.set(execution, handle));
        Steps.record(execution, started.action(), String.join(",", step.targets()), started.result(), started.failure().orElse(""));
        Steps.startWait(execution, step.key() + ": " + step.description(), settings.stepDeadline());
        STEP_FAILURE.set(execution, started.failure().orElse(""));
    }
}
