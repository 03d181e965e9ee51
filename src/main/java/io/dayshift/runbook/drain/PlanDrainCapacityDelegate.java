package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Variables.CAPACITY_SUFFICIENT;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.INSTANCES;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.OPERATOR_REASON;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.PLAN;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.PLAN_SUMMARY;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.approval.PlanTable;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.healthcheck.SiteHealthCheck;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_PlanCapacity}: can the other enabled, up hosts take every instance and keep each touched zone's reserve?
 * Nothing has moved yet; when they cannot, the run ends with the numbers in {@code summary}. Hosts that would end above
 * the health check's thresholds are named in the plan the approver reads.
 */
@Component("planDrainCapacity")
class PlanDrainCapacityDelegate implements JavaDelegate {

    private final Sites sites;
    private final CapacityPlanning planning;
    private final DrainComputeNode settings;

    PlanDrainCapacityDelegate(Sites sites, ComputeCloud compute, DrainComputeNode settings, SiteHealthCheck health) {
        this.sites = sites;
        this.planning = new CapacityPlanning(compute, health.thresholds());
        this.settings = settings;
    }

    /** A string variable holds at most 4,000 characters; a long plan is cut there (the whole plan stays in {@code plan} and in the step). */
    static String fitted(String text) {
        return text.length() <= 3900 ? text : text.substring(0, 3800) + "\n… (" + (text.length() - 3800) + " more characters: see the variable 'plan')";
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = HOST.get(execution);
        CapacityPlanning.Planned planned = planning.plan(site, host, INSTANCES.get(execution), OPERATOR_REASON.get(execution), settings.getBatchSize());
        DrainPlan plan = planned.plan();
        PLAN.set(execution, plan);
        PLAN_SUMMARY.set(execution, fitted(planned.text()));
        PlanTable.VARIABLE.set(execution, planned.table());
        CAPACITY_SUFFICIENT.set(execution, plan.feasible());
        RunLog.record(execution, "GET /os-services, /os-hypervisors/detail, placement inventories and usages of " + planned.candidates() + " host(s)",
                host, plan.feasible() ? "capacity sufficient" : "not enough capacity", null, planned.text());
        if (!plan.feasible()) {
            RunLog.summarise(execution, "Not enough capacity to drain " + host + " on site " + site.name() + "; nothing was changed. "
                    + String.join("; ", plan.problems()) + ".");
        }
    }
}
