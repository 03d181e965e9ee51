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

/** {@code Task_AddHostToInventory} (kolla): the host in {@code [compute]} of the site's inventory (nothing written when it is there). */
@Component("addHostToInventory")
class AddHostToInventoryDelegate implements JavaDelegate {

    private final Sites sites;
    private final KollaDeployer kolla;

    AddHostToInventoryDelegate(Sites sites, KollaDeployer kolla) {
        this.sites = sites;
        this.kolla = kolla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String host = MACHINE.get(execution);
        FileChange change = kolla.addHost(sites.require(SITE.get(execution)), AddComputeNode.COMPUTE_GROUP, host);
        RunLog.record(execution, "add " + host + " to [" + AddComputeNode.COMPUTE_GROUP + "] in " + change.file(), host,
                change.changed() ? "added (backup " + change.backup() + ")" : "already there", null, "");
    }
}
