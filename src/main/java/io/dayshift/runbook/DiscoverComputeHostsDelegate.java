package io.dayshift.runbook;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.charm.CellDiscovery;
import io.dayshift.charm.CharmModel;
import io.dayshift.engine.RunLog;
import io.dayshift.kolla.HostDiscovery;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_DiscoverComputeHosts}, in every runbook that needs it (add-compute-node, dr-restore): maps the site's
 * compute hosts to their cell. Kolla: {@code nova-manage cell_v2 discover_hosts --by-service} in the nova_conductor
 * container of the first conductor, through the deployer. Charmed: {@code nova-manage cell_v2 discover_hosts} on the
 * nova-cloud-controller leader through {@code juju exec} (the charm has no action for it). Both are safe to repeat.
 */
@Component("discoverComputeHosts")
class DiscoverComputeHostsDelegate implements JavaDelegate {

    private final Sites sites;
    private final KollaDeployer kolla;
    private final CharmModel charms;

    DiscoverComputeHostsDelegate(Sites sites, KollaDeployer kolla, CharmModel charms) {
        this.sites = sites;
        this.kolla = kolla;
        this.charms = charms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        if (site.flavour() == Flavour.KOLLA) {
            HostDiscovery found = kolla.discoverComputeHosts(site);
            RunLog.record(execution, "ansible nova-conductor[0] -m command -a 'docker exec nova_conductor nova-manage cell_v2 discover_hosts"
                            + " --by-service --verbose'", found.ranOn(),
                    found.newlyMapped().isEmpty() ? "every host mapped already" : "mapped " + String.join(", ", found.newlyMapped()), null, found.output());
            return;
        }
        CellDiscovery found = charms.discoverComputeHosts(site);
        RunLog.record(execution, found.command(), found.unit(), "ran", null, found.output());
    }
}
