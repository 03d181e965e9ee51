package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.ATTEMPT;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.KOLLA_ACTION;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.MACHINE;

import io.dayshift.engine.RunLog;
import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.await.KollaRunProbe;
import io.dayshift.site.Sites;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_StartKollaRun} (kolla): starts this turn's action ({@code bootstrap-servers}, {@code pull}, {@code deploy})
 * with {@code --limit <host>}, detached, as run {@code <processInstanceId>-Task_StartKollaRun-<action>-<attempt>}: a
 * retried job finds the run it started, an operator's retry starts a new one.
 */
@Component("startKollaRun")
class StartKollaRunDelegate implements JavaDelegate {

    private final Sites sites;
    private final KollaDeployer kolla;

    StartKollaRunDelegate(Sites sites, KollaDeployer kolla) {
        this.sites = sites;
        this.kolla = kolla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String site = SITE.get(execution);
        String host = MACHINE.get(execution);
        String word = KOLLA_ACTION.get(execution);
        String runId = execution.getProcessInstanceId() + "-" + execution.getCurrentActivityId() + "-" + word + "-" + ATTEMPT.get(execution);
        KollaAction action = KollaAction.valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
        KollaRunHandle handle = kolla.start(sites.require(site), action, List.of(host), runId);
        RunLog.record(execution, handle.command(), host, "started as run " + runId, null, "");
        AwaitOperation.OPERATION.set(execution, KollaRunProbe.operation(site, host, handle));
    }
}
