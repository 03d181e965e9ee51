package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.FLAVOUR;
import static io.dayshift.runbook.RunVariables.HEALTH;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.healthcheck.SiteHealthCheck.Variables.FINDINGS;

import io.dayshift.engine.RunLog;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_GradeHealth}: the site's health is its worst finding; the summary names the findings, worst first. */
@Component("gradeHealth")
class GradeHealthDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        List<Finding> findings = FINDINGS.find(execution).orElse(List.of());
        Health health = Health.worst(findings);
        HEALTH.set(execution.getProcessInstance(), health.name());
        String site = SITE.get(execution);
        String checked = "CHARMED".equals(FLAVOUR.find(execution).orElse("")) ? "charm units, their logs and the database cluster"
                : "containers, their logs and the Galera cluster";
        String summary = "Site " + site + " is " + health + " (" + findings.stream().filter(f -> f.health() == Health.RED).count() + " red, "
                + findings.stream().filter(f -> f.health() == Health.AMBER).count() + " amber finding(s)); checked compute services, network agents, "
                + "volume services, hypervisor usage, API endpoints, Ceph, " + checked + "."
                + (findings.isEmpty() ? "" : " " + String.join("; ", findings.stream()
                .sorted((a, b) -> b.health().compareTo(a.health())).map(Finding::line).toList()) + ".");
        RunLog.summarise(execution, summary);
        RunLog.record(execution, "grade: the worst of " + findings.size() + " finding(s)", site, health.name(), null, "");
    }
}
