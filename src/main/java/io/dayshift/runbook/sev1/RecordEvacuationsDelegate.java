package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.EVACUATIONS;

import io.dayshift.engine.RunLog;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordEvacuations}, after the wait: each evacuation as Nova has it now ({@link EvacuationsProbe}) in
 * {@code evacuations}, and the mitigation's outcome in the incident record: evacuated, failed, or (the wait's deadline
 * passed) still rebuilding. The resolution judges the site either way.
 */
@Component("recordEvacuations")
class RecordEvacuationsDelegate implements JavaDelegate {

    private final Sites sites;
    private final EvacuationsProbe evacuations;

    RecordEvacuationsDelegate(Sites sites, EvacuationsProbe evacuations) {
        this.sites = sites;
        this.evacuations = evacuations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Evacuations before = EVACUATIONS.get(execution);
        Evacuations after = evacuations.look(sites.require(SITE.get(execution)), before);
        EVACUATIONS.set(execution, after);
        String outcome = after.count(Evacuations.EVACUATED) + " instance(s) evacuated, " + after.count(Evacuations.FAILED) + " not"
                + (after.settled() ? "" : ", " + after.count(Evacuations.EVACUATING) + " still rebuilding at the deadline");
        Mitigations.done(execution, "host " + before.host() + " fenced; " + outcome);
        RunLog.record(execution, "GET /servers/{id}; GET /os-migrations?instance_uuid={id} for each evacuation", before.host(), outcome, null,
                after.describe());
    }
}
