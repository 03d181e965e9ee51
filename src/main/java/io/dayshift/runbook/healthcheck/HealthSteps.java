package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.healthcheck.SiteHealthCheckVariables.FINDINGS;

import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** What every check step does after asking the site: add its findings to {@code findings} and record the step. */
final class HealthSteps {

    private HealthSteps() {
    }

    /**
     * @param action  the call made, e.g. {@code GET /os-services (Nova)}
     * @param target  what was asked: the site, or the site and its nodes
     * @param checked what was looked at, e.g. {@code 14 services}
     */
    static void record(DelegateExecution execution, String action, String target, String checked, List<Finding> found) {
        List<Finding> all = new ArrayList<>(FINDINGS.find(execution).orElse(List.of()));
        all.addAll(found);
        FINDINGS.set(execution.getProcessInstance(), all);
        String result = checked + ": " + (found.isEmpty() ? "nothing found" : found.size() + " finding(s), worst " + Health.worst(found));
        RunLog.record(execution, new StepRecord(null, action, target, result, null, lines(found), Instant.now()));
    }

    static String lines(List<Finding> findings) {
        return findings.stream().map(HealthSteps::line).collect(Collectors.joining("\n"));
    }

    static String line(Finding f) {
        return f.health() + " " + f.check() + ": " + f.subject() + " " + f.message();
    }
}
