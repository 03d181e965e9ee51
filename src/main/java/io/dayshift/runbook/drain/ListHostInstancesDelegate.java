package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.INSTANCES;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.MOVED_INSTANCES;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ServerDetail;
import io.dayshift.compute.ServerGroup;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ListInstances}: every instance on the host (all projects) with its flavor, zone and server group. */
@Component("listHostInstances")
class ListHostInstancesDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    ListHostInstancesDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = HOST.get(execution);
        List<ServerDetail> servers = compute.serverDetailsOnHost(site, host);
        Map<String, ServerGroup> groupOf = new HashMap<>();
        compute.serverGroups(site).forEach(g -> g.members().forEach(member -> groupOf.put(member, g)));
        List<DrainInstance> found = servers.stream().map(s -> instance(s, groupOf.get(s.id()))).toList();
        DrainInstances instances = new DrainInstances(found);
        INSTANCES.set(execution, instances);
        MOVED_INSTANCES.set(execution, new InstanceMoves(List.of()));
        RunLog.record(execution, "GET /servers/detail?all_tenants=1&host=" + host + " (2.47), GET /os-server-groups?all_projects=True", host,
                instances.instances().size() + " instance(s)", null, String.join(", ", instances.instances().stream()
                        .map(i -> i.name() + " " + i.status() + " " + i.flavorName()).toList()));
    }

    private static DrainInstance instance(ServerDetail s, ServerGroup group) {
        ServerDetail.ServerFlavor f = s.flavor();
        return new DrainInstance(s.id(), s.name(), s.projectId(), s.status(), f.name(), new Resources(f.vcpus(), f.ramMb(), f.diskGb()),
                s.availabilityZone().orElse(""), group == null ? "" : group.id(), group == null ? "" : group.name(),
                group == null ? "" : group.policy(), AggregatePins.of(f.extraSpecs()));
    }
}
