package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.charm.CharmModel;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckUnitLogs} (charmed sites): the model's newest ERROR log lines, per application: CRITICAL red, ERROR amber. */
@Component("checkUnitLogs")
class CheckUnitLogsDelegate implements JavaDelegate {

    private final Sites sites;
    private final CharmModel charms;
    private final SiteHealthCheck settings;

    CheckUnitLogsDelegate(Sites sites, CharmModel charms, SiteHealthCheck settings) {
        this.sites = sites;
        this.charms = charms;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<String> lines = charms.errorLog(site, settings.logLines());
        SiteHealthCheck.record(execution, "juju debug-log --no-tail --level ERROR --limit " + settings.logLines(), site.name(),
                lines.size() + " ERROR line(s)", HealthRules.unitLogs(lines));
    }
}
