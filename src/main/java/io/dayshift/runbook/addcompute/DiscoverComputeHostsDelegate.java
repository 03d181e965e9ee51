package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.ZONE;

import io.dayshift.charm.CellDiscovery;
import io.dayshift.charm.CharmModel;
import io.dayshift.kolla.HostDiscovery;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_DiscoverComputeHosts}: maps the new host to its cell. Kolla: {@code nova-manage cell_v2 discover_hosts
 * --by-service} in the nova_conductor container of the first conductor, through the deployer. Charmed: the same
 * {@code nova-manage} on the nova-cloud-controller leader through {@code juju exec} (the charm has no action for it). Both
 * are safe to repeat.
 */
@Component("discoverComputeHosts")
class DiscoverComputeHostsDelegate implements JavaDelegate {

    private final Sites sites;
    private final KollaDeployer kolla;
    private final CharmModel charms;
    private final AddComputeNodeSettings settings;

    DiscoverComputeHostsDelegate(Sites sites, KollaDeployer kolla, CharmModel charms, AddComputeNodeSettings settings) {
        this.sites = sites;
        this.kolla = kolla;
        this.charms = charms;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = MACHINE.get(execution);
        if (site.flavour() == Flavour.KOLLA) {
            HostDiscovery found = kolla.discoverComputeHosts(site);
            Steps.record(execution, "ansible nova-conductor[0] -m command -a 'docker exec nova_conductor nova-manage cell_v2 discover_hosts"
                    + " --by-service --verbose'", found.ranOn(), "mapped " + found.newlyMapped(), found.output());
        } else {
            CellDiscovery found = charms.discoverComputeHosts(site);
            Steps.record(execution, found.command(), found.unit(), "ran", found.output());
        }
        Steps.startWait(execution, "nova-compute on " + host + " up and enabled in " + ZONE.get(execution) + ", and its hypervisor listed",
                settings.hypervisorDeadline());
    }
}
