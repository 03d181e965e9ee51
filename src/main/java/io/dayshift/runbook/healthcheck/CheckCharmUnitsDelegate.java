package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.charm.CharmModel;
import io.dayshift.charm.ModelStatus;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckCharmUnits} (charmed sites): every unit and subordinate active and idle. */
@Component("checkCharmUnits")
class CheckCharmUnitsDelegate implements JavaDelegate {

    private final Sites sites;
    private final CharmModel charms;

    CheckCharmUnitsDelegate(Sites sites, CharmModel charms) {
        this.sites = sites;
        this.charms = charms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        ModelStatus status = charms.status(site);
        long units = status.applications().values().stream().mapToLong(a -> a.units().size()).sum();
        SiteHealthCheck.record(execution, "juju status --format=json -m " + status.model(), site.name(),
                status.applications().size() + " applications, " + units + " principal units", HealthRules.charmUnits(status));
    }
}
