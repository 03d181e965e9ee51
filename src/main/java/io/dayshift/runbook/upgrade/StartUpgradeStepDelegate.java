package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Variables.ATTEMPT;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Variables.STEP;

import io.dayshift.engine.RunLog;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_StartStep}, {@code Task_StartBatchUpgrade}: starts the {@code step} and puts what to await in
 * {@code operation}. A kolla run is detached, as run {@code <run>-<step key>-<attempt>}, so a retried job finds the run it
 * started and an operator's retry starts a new one; a retry does not start while the run of the attempt before still runs
 * (one that outlasted its deadline): the job fails, retries and raises an incident, and starts once that run has ended.
 */
@Component("startUpgradeStep")
class StartUpgradeStepDelegate implements JavaDelegate {

    private final Sites sites;
    private final UpgradeStepRunner runner;

    StartUpgradeStepDelegate(Sites sites, UpgradeStepRunner runner) {
        this.sites = sites;
        this.runner = runner;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UpgradeStep step = STEP.get(execution);
        String runId = RunLog.run(execution).getProcessInstanceId() + "-" + step.key() + "-" + ATTEMPT.find(execution).orElse(1L);
        Site site = sites.require(SITE.get(execution));
        AwaitOperation.OPERATION.find(execution).flatMap(UpgradeStepProbe::run).filter(previous -> !previous.runId().equals(runId))
                .ifPresent(previous -> runner.requireEnded(site, previous));
        UpgradeStepRunner.Started started = runner.start(site, step, runId);
        RunLog.record(execution, started.action(), String.join(",", step.targets()), started.result(), null, started.failure().orElse(""));
        AwaitOperation.OPERATION.set(execution, UpgradeStepProbe.operation(site.name(), step, started.run(), started.failure()));
    }
}
