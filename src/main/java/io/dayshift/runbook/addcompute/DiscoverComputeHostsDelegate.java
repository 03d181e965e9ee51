package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.ZONE;

import io.dayshift.charm.ActionResult;
import io.dayshift.charm.CharmModel;
import io.dayshift.charm.CharmModelException;
import io.dayshift.charm.Unit;
import io.dayshift.kolla.HostDiscovery;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_DiscoverComputeHosts}: maps the new host to its cell. Kolla: {@code nova-manage cell_v2 discover_hosts
 * --by-service} in the nova_conductor container of the first conductor, through the deployer. Charmed: the
 * {@code discover-hosts} action of the nova-cloud-controller leader. Both are safe to repeat.
 */
@Component("discoverComputeHosts")
class DiscoverComputeHostsDelegate implements JavaDelegate {

    static final String CLOUD_CONTROLLER = "nova-cloud-controller";

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
            Unit leader = charms.status(site).application(CLOUD_CONTROLLER).flatMap(a -> a.units().values().stream().filter(Unit::leader).findFirst())
                    .orElseThrow(() -> new CharmModelException("site " + site.name() + ": no leader unit of " + CLOUD_CONTROLLER + " to discover " + host));
            ActionResult result = charms.runAction(site, leader.name(), "discover-hosts", Map.of());
            Steps.record(execution, "juju run " + leader.name() + " discover-hosts", leader.name(), result.status() + " (task " + result.id() + ")",
                    result.stdout());
        }
        Steps.startWait(execution, "nova-compute on " + host + " up and enabled in " + ZONE.get(execution) + ", and its hypervisor listed",
                settings.hypervisorDeadline());
    }
}
