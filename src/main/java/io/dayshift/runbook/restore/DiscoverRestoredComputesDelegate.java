package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestoreVariables.SITE;

import io.dayshift.charm.ActionResult;
import io.dayshift.charm.CharmModel;
import io.dayshift.kolla.HostDiscovery;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_DiscoverComputeHosts}: maps every compute host to its cell again ({@code nova-manage cell_v2 discover_hosts
 * --by-service}; charmed: the nova-cloud-controller {@code discover-hosts} action), for hosts a restored nova_api database
 * does not know. Safe to repeat.
 */
@Component("discoverRestoredComputes")
class DiscoverRestoredComputesDelegate implements JavaDelegate {

    private final RestoreTargets targets;
    private final KollaDeployer kolla;
    private final CharmModel charms;

    DiscoverRestoredComputesDelegate(RestoreTargets targets, KollaDeployer kolla, CharmModel charms) {
        this.targets = targets;
        this.kolla = kolla;
        this.charms = charms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = targets.site(SITE.get(execution));
        if (site.flavour() == Flavour.KOLLA) {
            HostDiscovery found = kolla.discoverComputeHosts(site);
            Steps.record(execution, "docker exec nova_conductor nova-manage cell_v2 discover_hosts --by-service --verbose", found.ranOn(),
                    found.newlyMapped().isEmpty() ? "every host mapped already" : "mapped " + String.join(", ", found.newlyMapped()), found.output());
            return;
        }
        String leader = Leaders.of(charms.status(site), "nova-cloud-controller");
        ActionResult result = charms.runAction(site, leader, "discover-hosts", Map.of());
        Steps.record(execution, "juju run " + leader + " discover-hosts", leader, result.status(), result.stdout());
    }
}
