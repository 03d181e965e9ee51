package io.dayshift.runbook.addcompute;

import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineNotFoundException;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineStatus;
import io.dayshift.runbook.await.Look;
import io.dayshift.runbook.await.Operation;
import io.dayshift.runbook.await.OperationProbe;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A MAAS deployment: Deployed ends well, Failed deployment fails, anything else (Deploying) is still running. */
@Component
class MachineDeploymentProbe extends OperationProbe {

    static final String KIND = "maas-deployment";

    private final MachineProvisioner provisioner;

    MachineDeploymentProbe(Sites sites, MachineProvisioner provisioner) {
        super(KIND, "maas", sites);
        this.provisioner = provisioner;
    }

    /** The operation of a machine MAAS was asked to deploy. */
    static Operation operation(String site, Machine machine) {
        return new Operation(KIND, site, machine.hostname(), "MAAS machine " + machine.display() + " Deployed", Map.of("systemId", machine.systemId()));
    }

    @Override
    protected Look look(Operation operation, Site site) {
        String systemId = operation.require("systemId");
        Machine m = provisioner.findMachine(site, systemId)
                .orElseThrow(() -> new MachineNotFoundException("site " + operation.site() + ": MAAS machine " + systemId + " is gone"));
        String detail = m.display() + " is " + m.status().label() + (m.statusMessage().isEmpty() ? "" : " (" + m.statusMessage() + ")");
        return m.status() == MachineStatus.DEPLOYED ? Look.succeeded(detail)
                : m.status() == MachineStatus.FAILED_DEPLOYMENT ? Look.failed(detail)
                : Look.running(detail);
    }
}
