package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.RunVariables.FLAVOUR;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.CAPACITY;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.UNIT;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.ZONE;

import io.dayshift.approval.ApprovalDecision;
import io.dayshift.approval.Approvals;
import io.dayshift.engine.RunLog;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SummariseAddition}: one paragraph for auditors. */
@Component("summariseAddition")
class SummariseAdditionDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        String host = MACHINE.get(execution);
        String how = UNIT.find(execution).map(u -> "as Juju unit " + u).orElse("with kolla-ansible bootstrap-servers, pull and deploy --limit " + host);
        RunLog.summarise(execution, "Added compute host " + host + " (" + CAPACITY.get(execution) + ") to site " + SITE.get(execution) + " ("
                + FLAVOUR.get(execution).toLowerCase() + ") " + how + ", in availability zone " + ZONE.get(execution)
                + "; mapped to the cell, its nova-compute up and enabled, a smoke-test server booted ACTIVE on it and deleted. "
                + approvals(execution));
        RunLog.record(execution, "summary", host, "added", null, "");
    }

    static String approvals(DelegateExecution execution) {
        List<ApprovalDecision> decisions = Approvals.DECISIONS.find(execution).map(Approvals.Decisions::decisions).orElse(List.of());
        return decisions.isEmpty() ? "" : decisions.stream()
                .map(d -> (d.approved() ? "Approved" : "Rejected") + " by " + d.approver() + " (" + d.task() + "): " + d.reason())
                .collect(Collectors.joining("; ", "", "."));
    }
}
