package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.upgrade.RollingUpgradeVariables.*;

import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_Check…Step}, {@code Task_CheckBatchUpgrade}: one look at the started step: {@code ready}, {@code waiting} or {@code failed}. */
@Component("checkUpgradeStep")
class CheckUpgradeStepDelegate implements JavaDelegate {

    private final Sites sites;
    private final UpgradeStepRunner runner;

    CheckUpgradeStepDelegate(Sites sites, UpgradeStepRunner runner) {
        this.sites = sites;
        this.runner = runner;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UpgradeStep step = STEP.get(execution);
        String failure = STEP_FAILURE.find(execution).orElse("");
        UpgradeStepRunner.Look look = failure.isEmpty() ? runner.check(sites.require(SITE.get(execution)), step, KOLLA_RUN.find(execution))
                : new UpgradeStepRunner.Look(false, true, failure, "", null);
        String outcome = Steps.conclude(execution, look.ready(), look.failed(), look.detail(), look.evidence());
        Steps.record(execution, "check " + step.key() + " (" + step.description() + ")", String.join(",", step.targets()), outcome, look.exitCode(),
                look.detail() + (look.evidence().isEmpty() ? "" : "\n" + look.evidence()));
    }
}
