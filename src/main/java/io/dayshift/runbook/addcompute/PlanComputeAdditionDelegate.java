package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.RunVariables.FLAVOUR;
import static io.dayshift.runbook.RunVariables.HEALTH;
import static io.dayshift.runbook.RunVariables.HEALTH_SUMMARY;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.CAPACITY;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.HEALTH_FINDINGS;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.HEALTH_REPORT;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.PLAN;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.SYSTEM_ID;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.ZONE;

import io.dayshift.approval.PlanTable;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Flavour;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_PlanAddition}: what the approvers are asked to approve, in words and as tables (no call to the site). */
@Component("planComputeAddition")
class PlanComputeAdditionDelegate implements JavaDelegate {

    private final AddComputeNode settings;

    PlanComputeAdditionDelegate(AddComputeNode settings) {
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String host = MACHINE.get(execution);
        String report = HealthReport.of(HEALTH.get(execution), HEALTH_SUMMARY.find(execution).orElse(""), HEALTH_FINDINGS.find(execution).orElse(List.of()));
        HEALTH_REPORT.set(execution, report);
        String plan = describe(SITE.get(execution), Flavour.valueOf(FLAVOUR.get(execution)), host, SYSTEM_ID.get(execution), CAPACITY.get(execution),
                ZONE.get(execution), report, settings.computeTag());
        PLAN.set(execution, plan);
        Flavour flavour = Flavour.valueOf(FLAVOUR.get(execution));
        PlanTable.VARIABLE.set(execution, AdditionTables.addition(SITE.get(execution), flavour, host, SYSTEM_ID.get(execution), CAPACITY.get(execution),
                ZONE.get(execution), HEALTH_FINDINGS.find(execution).orElse(List.of()), settings.computeTag()));
        PlanTable.ROLLBACK.set(execution, AdditionTables.rollback(SITE.get(execution), flavour, host));
        RunLog.record(execution, "plan", host, "plan ready for approval", null, plan);
    }

    /** The plan the approvers read: the machine, its zone, the steps on a site of this flavour, and the health report. */
    static String describe(String site, Flavour flavour, String host, String systemId, String capacity, String zone, String report, String computeTag) {
        boolean charmed = flavour == Flavour.CHARMED;
        String how = charmed
                ? "Juju: add a unit of application " + AddComputeNode.COMPUTE_APPLICATION + " (its subordinates follow) on a new Juju machine"
                + " placed on MAAS machine " + host + " (juju add-machine " + host + " --constraints tags=" + computeTag
                + ", then juju add-unit --to it); wait until the unit and its subordinates are active/idle"
                : "MAAS: allocate and deploy " + host + " (Ubuntu), wait until Deployed. Kolla-Ansible: add " + host + " to inventory group ["
                + AddComputeNode.COMPUTE_GROUP + "], then run " + String.join(", ", AddComputeNode.KOLLA_ACTIONS)
                + " each with --limit " + host;
        return "Add compute host " + host + " to site " + site + " (" + flavour.name().toLowerCase(Locale.ROOT) + ").\n"
                + "Machine: " + host + " (MAAS system id " + systemId + "), " + capacity + ".\n"
                + "Availability zone: " + zone + ".\n"
                + "Steps: " + how + ". Then map it to the cell (nova-manage cell_v2 discover_hosts), wait until its nova-compute service is"
                + " up and enabled in " + zone + ", boot a tiny smoke-test server pinned to it, wait for ACTIVE, delete it.\n"
                + "If a step fails, an ops lead retries or rolls back (the rollback needs a second approval).\n\n" + report;
    }
}
