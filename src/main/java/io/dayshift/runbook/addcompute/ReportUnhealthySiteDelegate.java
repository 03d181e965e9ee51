package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.HEALTH;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.HEALTH_FINDINGS;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.HEALTH_REPORT;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.HEALTH_SUMMARY;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;

import io.dayshift.engine.RunLog;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ReportUnhealthySite}: the site is RED, so nothing is added; the summary carries the findings. */
@Component("reportUnhealthySite")
class ReportUnhealthySiteDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        String report = HealthReport.of(HEALTH.get(execution), HEALTH_SUMMARY.find(execution).orElse(""), HEALTH_FINDINGS.find(execution).orElse(List.of()));
        HEALTH_REPORT.set(execution, report);
        Steps.record(execution, "call " + AddComputeNodeIds.HEALTH_CHECK_KEY, SITE.get(execution), "RED: stopped", report);
        RunLog.summarise(execution, "Nothing was done: " + MACHINE.get(execution) + " was not added to site " + SITE.get(execution)
                + " because the site health check is RED. Fix the findings and start again.\n" + report);
    }
}
