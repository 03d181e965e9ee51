package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.EVACUATIONS;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TARGET;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ServerSettlement;
import io.dayshift.compute.ServerSummary;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.sev1.Evacuations.Evacuation;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_StartEvacuations}: asks Nova to rebuild every instance of the fenced host elsewhere; the scheduler picks each
 * target, so server groups (anti-affinity) are respected. An instance Nova is already rebuilding (a retried step) is not
 * evacuated again; one in a state Nova cannot evacuate is reported, not touched. The evacuations still running are the
 * {@code operation} the wait looks at ({@link EvacuationsProbe}).
 */
@Component("evacuateInstances")
class EvacuateInstancesDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    EvacuateInstancesDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = TARGET.get(execution);
        List<Evacuation> evacuations = new ArrayList<>();
        for (ServerSummary server : compute.serversOnHost(site, host)) {
            if (compute.settlement(site, server.id()).phase() == ServerSettlement.Phase.MOVING) {
                evacuations.add(new Evacuation(server.id(), server.name(), Evacuations.EVACUATING, "", "already being rebuilt"));
            } else if (!MitigationPlans.EVACUABLE.contains(server.status())) {
                evacuations.add(new Evacuation(server.id(), server.name(), Evacuations.FAILED, "", "not evacuated: Nova cannot evacuate a " + server.status() + " server"));
            } else {
                compute.evacuate(site, server.id());
                evacuations.add(new Evacuation(server.id(), server.name(), Evacuations.EVACUATING, "", "evacuation requested"));
            }
        }
        Evacuations all = new Evacuations(host, evacuations);
        EVACUATIONS.set(execution, all);
        AwaitOperation.OPERATION.set(execution, EvacuationsProbe.operation(site.name(), all));
        RunLog.record(execution, "POST /servers/{id}/action {evacuate: {}} for each server on " + host, host,
                all.count(Evacuations.EVACUATING) + " evacuating, " + all.count(Evacuations.FAILED) + " not evacuable", null,
                String.join("\n", evacuations.stream().map(e -> e.name() + " (" + e.serverId() + "): " + e.detail()).toList()));
    }
}
