package io.dayshift.runbook.addcompute;

import io.dayshift.charm.CharmModel;
import io.dayshift.charm.UnitCheck;
import io.dayshift.runbook.await.Look;
import io.dayshift.runbook.await.Operation;
import io.dayshift.runbook.await.OperationProbe;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A new Juju unit settling: the unit, its machine and its subordinates active/idle end well; a unit or subordinate in
 * error, or a provisioning error, fails (with what is pending as evidence); anything else is still running.
 */
@Component
class ComputeUnitProbe extends OperationProbe {

    static final String KIND = "compute-unit-active";

    private final CharmModel charms;

    ComputeUnitProbe(Sites sites, CharmModel charms) {
        super(KIND, "juju", sites);
        this.charms = charms;
    }

    /** The operation of a unit added on a machine placed on {@code host}. */
    static Operation operation(String site, String unit, String host) {
        return new Operation(KIND, site, host, "unit " + unit + " and its subordinates active/idle on " + host, Map.of("unit", unit));
    }

    @Override
    protected Look look(Operation operation, Site site) {
        UnitCheck check = charms.checkUnit(site, operation.require("unit"));
        String detail = check.readiness() + ": " + check.summary();
        return check.ready() ? Look.succeeded(detail)
                : check.failed() ? Look.failed(detail).withEvidence(String.join("\n", check.pending()), null)
                : Look.running(detail);
    }
}
