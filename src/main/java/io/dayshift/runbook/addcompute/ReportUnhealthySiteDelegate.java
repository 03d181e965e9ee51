package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.RunVariables.HEALTH;
import static io.dayshift.runbook.RunVariables.HEALTH_SUMMARY;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.HEALTH_FINDINGS;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.HEALTH_REPORT;
import static io.dayshift.runbook.addcompute.AddComputeNode.Variables.MACHINE;

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
        RunLog.record(execution, "call " + AddComputeNode.HEALTH_CHECK_KEY, SITE.get(execution), "RED: stopped", null, report);
        RunLog.summarise(execution, "Nothing was done: " + MACHINE.get(execution) + " was not added to site " + SITE.get(execution)
                + " because the site health check is RED. Fix the findings and start again.\n" + report);
    }
}
