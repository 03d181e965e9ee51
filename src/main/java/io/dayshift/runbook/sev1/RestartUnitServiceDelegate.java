package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TARGET;

import io.dayshift.charm.CharmModel;
import io.dayshift.charm.UnitRestart;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RestartUnitService} (charmed sites): restarts the unit's services the way its charm provides (its
 * {@code restart-services} action, else {@code pause} then {@code resume}, else {@code systemctl restart} of the services it
 * declares); a repeated restart is harmless, a unit left paused is only resumed.
 */
@Component("restartUnitService")
class RestartUnitServiceDelegate implements JavaDelegate {

    private final Sites sites;
    private final CharmModel charms;

    RestartUnitServiceDelegate(Sites sites, CharmModel charms) {
        this.sites = sites;
        this.charms = charms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        UnitRestart restart = charms.restartUnitServices(site, TARGET.get(execution));
        Mitigations.done(execution, "services of " + restart.unit() + " restarted with " + restart.how().describe());
        RunLog.record(execution, restart.commands(), restart.unit(), "restarted", null, restart.output());
    }
}
