package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.ATTEMPT;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.KOLLA_RUN;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.KOLLA_STEP;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;

import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.site.Sites;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_StartKollaRun} (kolla): starts the current action ({@code bootstrap-servers}, {@code pull}, {@code deploy})
 * with {@code --limit <host>}, detached, as run {@code <processInstanceId>-Task_StartKollaRun-<action>-<attempt>}: a
 * retried job finds the run it started, an operator's retry starts a new one.
 */
@Component("startKollaRun")
class StartKollaRunDelegate implements JavaDelegate {

    private final Sites sites;
    private final KollaDeployer kolla;
    private final AddComputeNodeSettings settings;

    StartKollaRunDelegate(Sites sites, KollaDeployer kolla, AddComputeNodeSettings settings) {
        this.sites = sites;
        this.kolla = kolla;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String host = MACHINE.get(execution);
        String word = AddComputeNodeSettings.KOLLA_ACTIONS.get(KOLLA_STEP.get(execution).intValue());
        String runId = execution.getProcessInstanceId() + "-" + execution.getCurrentActivityId() + "-" + word + "-" + ATTEMPT.get(execution);
        KollaAction action = KollaAction.valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
        KollaRunHandle handle = kolla.start(sites.require(SITE.get(execution)), action, List.of(host), runId);
        KOLLA_RUN.set(execution, handle);
        Steps.record(execution, handle.command(), host, "started as run " + runId, "");
        Steps.startWait(execution, "kolla-ansible " + word + " --limit " + host + " (run " + runId + ")", settings.kollaRunDeadline());
    }
}
