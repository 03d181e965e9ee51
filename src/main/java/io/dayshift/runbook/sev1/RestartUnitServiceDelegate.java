package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.sev1.Sev1IncidentVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1IncidentVariables.TARGET;

import io.dayshift.charm.CharmModel;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RestartUnitService} (charmed sites): {@code systemctl restart <service>} on the unit's machine through Juju; a restart repeated is harmless. */
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
        String target = TARGET.get(execution);
        String unit = target.substring(0, target.indexOf(':'));
        String service = target.substring(target.indexOf(':') + 1);
        String output = charms.restartService(site, unit, service);
        Mitigations.done(execution, "service " + service + " of " + unit + " restarted");
        Steps.record(execution, "juju exec --unit " + unit + " 'systemctl restart " + service + "' (juju run on 2.9)", unit, "restarted", output);
    }
}
