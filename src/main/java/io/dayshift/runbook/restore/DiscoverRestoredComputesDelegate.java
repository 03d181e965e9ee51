package io.dayshift.runbook.restore;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.charm.CellDiscovery;
import io.dayshift.charm.CharmModel;
import io.dayshift.kolla.HostDiscovery;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import io.dayshift.engine.RunLog;

/**
 * {@code Task_DiscoverComputeHosts}: maps every compute host to its cell again ({@code nova-manage cell_v2 discover_hosts
 * --by-service}; charmed: {@code nova-manage cell_v2 discover_hosts} on the nova-cloud-controller leader), for hosts a restored nova_api database
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
            RunLog.record(execution, "docker exec nova_conductor nova-manage cell_v2 discover_hosts --by-service --verbose", found.ranOn(),
                    found.newlyMapped().isEmpty() ? "every host mapped already" : "mapped " + String.join(", ", found.newlyMapped()), null, found.output());
            return;
        }
        CellDiscovery found = charms.discoverComputeHosts(site);
        RunLog.record(execution, found.command(), found.unit(), "ran", null, found.output());
    }
}
