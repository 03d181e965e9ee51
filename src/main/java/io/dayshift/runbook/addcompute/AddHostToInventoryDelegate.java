package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.KOLLA_STEP;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;

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
        FileChange change = kolla.addHost(sites.require(SITE.get(execution)), AddComputeNodeSettings.COMPUTE_GROUP, host);
        KOLLA_STEP.set(execution, 0L);
        Steps.record(execution, "add " + host + " to [" + AddComputeNodeSettings.COMPUTE_GROUP + "] in " + change.file(), host,
                change.changed() ? "added (backup " + change.backup() + ")" : "already there", "");
    }
}
