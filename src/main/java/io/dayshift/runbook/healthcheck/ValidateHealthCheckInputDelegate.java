package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.FLAVOUR;
import static io.dayshift.runbook.RunVariables.HEALTH;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.healthcheck.SiteHealthCheck.Variables.FINDINGS;

import io.dayshift.engine.RunLog;
import io.dayshift.runbook.InputProblems;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ValidateInput}: the site is configured. Otherwise {@code INPUT_REJECTED}, with {@code health} RED and one
 * finding, so that a calling runbook's gate never passes on a check that did not run.
 */
@Component("validateHealthCheckInput")
class ValidateHealthCheckInputDelegate implements JavaDelegate {

    private final Sites sites;

    ValidateHealthCheckInputDelegate(Sites sites) {
        this.sites = sites;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String name = SITE.find(execution).orElse("");
        Optional<Site> site = sites.find(name);
        if (site.isEmpty()) {
            String message = "Input rejected, nothing was checked: site: " + InputProblems.printable(name) + " is not a configured site (configured: "
                    + sites.all().stream().map(Site::name).toList() + ").";
            HEALTH.set(execution.getProcessInstance(), Health.RED.name());
            FINDINGS.set(execution.getProcessInstance(), List.of(new Finding("input", Health.RED, name, "is not a configured site")));
            RunLog.record(execution, "look the site up in dayshift.sites", name, "rejected", null, message);
            throw new BpmnError(SiteHealthCheck.INPUT_REJECTED, message);
        }
        FLAVOUR.set(execution, site.get().flavour().name());
        FINDINGS.set(execution.getProcessInstance(), List.of());
        RunLog.record(execution, "look the site up in dayshift.sites", name, "accepted: "
                + site.get().flavour().name().toLowerCase() + (site.get().simulated() ? ", simulated (the built-in lab)" : ""), null, "");
    }
}
