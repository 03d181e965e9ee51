package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.MACHINE;

import io.dayshift.engine.RunLog;
import io.dayshift.kolla.FileChange;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RemoveHostFromInventory} (kolla rollback): the host out of {@code [compute]} (nothing written when it is not there). */
@Component("removeHostFromInventory")
class RemoveHostFromInventoryDelegate implements JavaDelegate {

    private final Sites sites;
    private final KollaDeployer kolla;

    RemoveHostFromInventoryDelegate(Sites sites, KollaDeployer kolla) {
        this.sites = sites;
        this.kolla = kolla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String host = MACHINE.get(execution);
        FileChange change = kolla.removeHost(sites.require(SITE.get(execution)), AddComputeNode.COMPUTE_GROUP, host);
        RunLog.record(execution, "remove " + host + " from [" + AddComputeNode.COMPUTE_GROUP + "] in " + change.file(), host,
                change.changed() ? "removed (backup " + change.backup() + ")" : "not there", null, "");
    }
}
