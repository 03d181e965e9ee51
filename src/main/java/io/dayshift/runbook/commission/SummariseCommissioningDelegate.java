package io.dayshift.runbook.commission;

import io.dayshift.runbook.OperatorDecision;
import static io.dayshift.runbook.RunVariables.OPERATOR_DECISIONS;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.OUTCOMES;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.TAGS;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.TARGETS;

import io.dayshift.approval.Approvals;
import io.dayshift.engine.RunLog;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SummariseRun}: one paragraph for auditors, with each machine's status as MAAS shows it now. */
@Component("summariseCommissioning")
class SummariseCommissioningDelegate implements JavaDelegate {

    private final Sites sites;
    private final MachineProvisioner provisioner;

    SummariseCommissioningDelegate(Sites sites, MachineProvisioner provisioner) {
        this.sites = sites;
        this.provisioner = provisioner;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        MachineOutcomes outcomes = OUTCOMES.get(execution);
        List<String> nowInMaas = TARGETS.get(execution).machines().stream().map(t -> t.display() + " " + provisioner.findMachine(site, t.systemId())
                .map(m -> m.status().label() + (m.tags().isEmpty() ? "" : " [" + String.join(", ", m.tags()) + "]")).orElse("unknown to MAAS")).toList();
        String summary = Summaries.of(site.name(), TARGETS.get(execution), outcomes, OPERATOR_DECISIONS.find(execution).orElse(new OperatorDecision.Decisions(List.of())),
                CommissionInput.items(TAGS.find(execution).orElse("")), Approvals.INITIATOR.find(execution).orElse("unknown"));
        RunLog.summarise(execution, summary);
        RunLog.record(execution, "GET machines/ (final state)", site.name(), "summarised", String.join("; ", nowInMaas));
    }
}
