package io.dayshift.runbook.sev1;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ServerSettlement;
import io.dayshift.runbook.await.Look;
import io.dayshift.runbook.await.Operation;
import io.dayshift.runbook.await.OperationProbe;
import io.dayshift.runbook.sev1.Evacuations.Evacuation;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The instances of a fenced host being rebuilt elsewhere: each evacuation's server and migration record, rebuilt ACTIVE (or
 * SHUTOFF) on another host is evacuated, an error (or still on the failed host) is failed, anything else still rebuilding.
 * All evacuated ends well; one failed, once none is rebuilding, fails.
 */
@Component
class EvacuationsProbe extends OperationProbe {

    static final String KIND = "evacuations";

    private final ComputeCloud compute;

    EvacuationsProbe(Sites sites, ComputeCloud compute) {
        super(KIND, "openstack", sites);
        this.compute = compute;
    }

    /** The operation of the evacuations a step asked Nova for: those still evacuating are looked at. */
    static Operation operation(String site, Evacuations evacuations) {
        List<String> evacuating = evacuations.instances().stream().filter(e -> e.status().equals(Evacuations.EVACUATING)).map(Evacuation::serverId).toList();
        return new Operation(KIND, site, evacuations.host(), "evacuation of the instances of " + evacuations.host(),
                Map.of("host", evacuations.host(), "servers", String.join(",", evacuating)));
    }

    @Override
    protected Look look(Operation operation, Site site) {
        String host = operation.require("host");
        List<Evacuation> now = new ArrayList<>();
        for (String id : Arrays.stream(operation.require("servers").split(",")).filter(s -> !s.isBlank()).toList()) {
            now.add(new Evacuation(id, id, Evacuations.EVACUATING, "", "evacuation requested"));
        }
        Evacuations after = look(site, new Evacuations(host, now));
        String detail = after.count(Evacuations.EVACUATED) + " evacuated, " + after.count(Evacuations.EVACUATING) + " still rebuilding, "
                + after.count(Evacuations.FAILED) + " failed";
        Look look = !after.settled() ? Look.running(detail) : after.count(Evacuations.FAILED) == 0 ? Look.succeeded(detail) : Look.failed(detail);
        return look.withEvidence(after.describe(), null);
    }

    /** The evacuations as Nova has them now: those still evacuating looked at again, the others as they were. */
    Evacuations look(Site site, Evacuations before) {
        List<Evacuation> now = new ArrayList<>();
        for (Evacuation e : before.instances()) {
            if (!e.status().equals(Evacuations.EVACUATING)) {
                now.add(e);
                continue;
            }
            ServerSettlement s = compute.settlement(site, e.serverId());
            String where = s.server().host().orElse("");
            String migration = s.migration().map(m -> m.type() + " " + m.status()).orElse("no migration record");
            String name = e.name().equals(e.serverId()) ? s.server().name() : e.name();
            now.add(switch (s.phase()) {
                case SETTLED -> where.equals(before.host())
                        ? new Evacuation(e.serverId(), name, Evacuations.FAILED, "", "still on " + where + " (" + migration + ")")
                        : new Evacuation(e.serverId(), name, Evacuations.EVACUATED, where, s.server().status() + " on " + where + " (" + migration + ")");
                case FAILED -> new Evacuation(e.serverId(), name, Evacuations.FAILED, "", s.server().status() + " (" + migration + ")");
                default -> new Evacuation(e.serverId(), name, Evacuations.EVACUATING, "", s.server().status() + " (" + migration + ")");
            });
        }
        return new Evacuations(before.host(), now);
    }
}
