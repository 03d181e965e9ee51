package io.dayshift.runbook.sev1;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code dayshift.runbooks.sev1-incident.*}: the SLA budgets of the phases and the waits. The seed's budgets (detection
 * 5 min, communication 10, diagnosis 20, mitigation 40, resolution 60) are read as deadlines counted from the incident's
 * opening, so that resolution's 60 minutes are the RTO of one hour; a phase still running past its deadline is escalated.
 */
@Component("sev1Settings")
public class Sev1IncidentSettings {

    private final Map<String, Duration> budgets = new LinkedHashMap<>();
    private final Duration checkInterval;
    private final int logLines;
    private final int evidenceChars;
    private final URI publicUrl;

    Sev1IncidentSettings(
            @Value("${dayshift.runbooks.sev1-incident.budget.detection:PT5M}") Duration detection,
            @Value("${dayshift.runbooks.sev1-incident.budget.communication:PT10M}") Duration communication,
            @Value("${dayshift.runbooks.sev1-incident.budget.diagnosis:PT20M}") Duration diagnosis,
            @Value("${dayshift.runbooks.sev1-incident.budget.mitigation:PT40M}") Duration mitigation,
            @Value("${dayshift.runbooks.sev1-incident.budget.resolution:PT60M}") Duration resolution,
            @Value("${dayshift.runbooks.sev1-incident.check-interval:PT15S}") Duration checkInterval,
            @Value("${dayshift.runbooks.sev1-incident.log-lines:50}") int logLines,
            @Value("${dayshift.runbooks.sev1-incident.evidence-chars:12000}") int evidenceChars,
            @Value("${dayshift.public-url:http://localhost:8080}") URI publicUrl) {
        List<Duration> all = List.of(detection, communication, diagnosis, mitigation, resolution);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).isNegative() || all.get(i).isZero() || i > 0 && all.get(i).compareTo(all.get(i - 1)) < 0) {
                throw new IllegalArgumentException("dayshift.runbooks.sev1-incident.budget.*: each budget is a positive duration from the incident's "
                        + "opening, none shorter than the one of the phase before (" + all + ")");
            }
            budgets.put(Phases.ALL.get(i), all.get(i));
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("dayshift.runbooks.sev1-incident.check-interval must be a positive duration");
        }
        if (logLines < 1 || logLines > 10_000 || evidenceChars < 1000) {
            throw new IllegalArgumentException("dayshift.runbooks.sev1-incident: log-lines is 1 to 10000, evidence-chars at least 1000");
        }
        this.checkInterval = checkInterval;
        this.logLines = logLines;
        this.evidenceChars = evidenceChars;
        this.publicUrl = publicUrl;
    }

    /** The deadline of a phase of this run: its opening plus the phase's budget. The boundary timers of the phases read it. */
    public Date due(DelegateExecution execution, String phase) {
        return Date.from(dueAt(Sev1IncidentVariables.INCIDENT.get(execution).openedAt(), phase));
    }

    Instant dueAt(Instant openedAt, String phase) {
        Duration budget = budgets.get(phase);
        if (budget == null) {
            throw new IllegalArgumentException("no SLA budget for phase '" + phase + "'");
        }
        return openedAt.plus(budget);
    }

    Duration budget(String phase) {
        return budgets.get(phase);
    }

    /** The recovery time objective: the resolution's deadline. */
    Duration rto() {
        return budgets.get(Phases.RESOLUTION);
    }

    /** The timer's ISO-8601 duration between two looks at Nova, e.g. {@code PT15S}. */
    public String getCheckInterval() {
        return checkInterval.toString();
    }

    int logLines() {
        return logLines;
    }

    int evidenceChars() {
        return evidenceChars;
    }

    /** The run in Cockpit. */
    URI cockpitLink(String processInstanceId) {
        String base = publicUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId);
    }
}
