package io.dayshift.runbook.commission;

import io.dayshift.machine.CommissioningState;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.runbook.await.Look;
import io.dayshift.runbook.await.Operation;
import io.dayshift.runbook.await.OperationProbe;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A machine commissioning and testing in MAAS: Ready ends well; failed commissioning or testing, or a machine no longer
 * commissioning (MAAS refused the request, or someone else acted on it) fails, with what MAAS shows and each failed script.
 */
@Component
class CommissioningProbe extends OperationProbe {

    static final String KIND = "maas-commissioning";

    private final MachineProvisioner provisioner;

    CommissioningProbe(Sites sites, MachineProvisioner provisioner) {
        super(KIND, "maas", sites);
        this.provisioner = provisioner;
    }

    /** The commissioning of a machine; {@code refused} is MAAS's refusal when the request did not go through. */
    static Operation operation(String site, MachineTarget target, Optional<String> refused) {
        Map<String, String> handle = new HashMap<>(Map.of("systemId", target.systemId()));
        refused.ifPresent(why -> handle.put("refused", why));
        return new Operation(KIND, site, target.display(), "commissioning of " + target.display(), handle);
    }

    @Override
    protected Look look(Operation operation, Site site) {
        String systemId = operation.require("systemId");
        CommissioningState state = provisioner.checkCommissioning(site, systemId);
        String seen = state.status().label();
        return switch (state.phase()) {
            case SUCCEEDED -> Look.succeeded(seen);
            case IN_PROGRESS -> Look.running(seen + " (commissioning " + state.commissioningStatus() + ", testing " + state.testingStatus() + ")");
            case FAILED, NOT_COMMISSIONING -> Look.failed(FailureReports.of(state, Optional.ofNullable(operation.handle().get("refused")),
                    provisioner.failedScripts(site, systemId)));
        };
    }
}
