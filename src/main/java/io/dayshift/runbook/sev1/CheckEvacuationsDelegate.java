package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.sev1.Sev1IncidentVariables.EVACUATIONS;
import static io.dayshift.runbook.sev1.Sev1IncidentVariables.EVACUATIONS_SETTLED;
import static io.dayshift.runbook.sev1.Sev1IncidentVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ServerSettlement;
import io.dayshift.runbook.sev1.Evacuations.Evacuation;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckEvacuations}: each evacuation's migration record and server: rebuilt ACTIVE (or SHUTOFF) on another host
 * is evacuated, an error is failed, anything else is asked again after the timer. Once all have settled, the mitigation's
 * outcome goes into the incident record.
 */
@Component("checkEvacuations")
class CheckEvacuationsDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    CheckEvacuationsDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        Evacuations before = EVACUATIONS.get(execution);
        List<Evacuation> now = new ArrayList<>();
        for (Evacuation e : before.instances()) {
            if (!e.status().equals(Evacuations.EVACUATING)) {
                now.add(e);
                continue;
            }
            ServerSettlement s = compute.settlement(site, e.serverId());
            String where = s.server().host().orElse("");
            String migration = s.migration().map(m -> m.type() + " " + m.status()).orElse("no migration record");
            now.add(switch (s.phase()) {
                case SETTLED -> where.equals(before.host())
                        ? new Evacuation(e.serverId(), e.name(), Evacuations.FAILED, "", "still on " + where + " (" + migration + ")")
                        : new Evacuation(e.serverId(), e.name(), Evacuations.EVACUATED, where, s.server().status() + " on " + where + " (" + migration + ")");
                case FAILED -> new Evacuation(e.serverId(), e.name(), Evacuations.FAILED, "", s.server().status() + " (" + migration + ")");
                default -> new Evacuation(e.serverId(), e.name(), Evacuations.EVACUATING, "", s.server().status() + " (" + migration + ")");
            });
        }
        Evacuations after = new Evacuations(before.host(), now);
        EVACUATIONS.set(execution, after);
        EVACUATIONS_SETTLED.set(execution, after.settled());
        if (after.settled()) {
            Mitigations.done(execution, "host " + before.host() + " fenced; " + after.count(Evacuations.EVACUATED) + " instance(s) evacuated, "
                    + after.count(Evacuations.FAILED) + " not");
        }
        Steps.record(execution, "GET /servers/{id}; GET /os-migrations?instance_uuid={id} for each evacuation", before.host(),
                after.count(Evacuations.EVACUATED) + " evacuated, " + after.count(Evacuations.EVACUATING) + " still rebuilding, "
                        + after.count(Evacuations.FAILED) + " failed",
                String.join("\n", now.stream().map(e -> e.name() + ": " + e.status() + " " + e.detail()).toList()));
    }
}
