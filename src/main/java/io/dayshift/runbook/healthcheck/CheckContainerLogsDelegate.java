package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.healthcheck.SiteHealthCheck.Variables.KEY_CONTAINER_HOSTS;

import io.dayshift.kolla.ContainerLog;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckContainerLogs} (Kolla sites): error lines in the latest log lines of each key container, where it runs. */
@Component("checkContainerLogs")
class CheckContainerLogsDelegate implements JavaDelegate {

    private final Sites sites;
    private final KollaDeployer kolla;
    private final SiteHealthCheck settings;

    CheckContainerLogsDelegate(Sites sites, KollaDeployer kolla, SiteHealthCheck settings) {
        this.sites = sites;
        this.kolla = kolla;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<ContainerLog> logs = new ArrayList<>();
        KEY_CONTAINER_HOSTS.get(execution).byContainer().forEach((container, hosts) ->
                logs.addAll(kolla.containerLogTail(site, hosts, container, settings.logLines())));
        SiteHealthCheck.record(execution, "ansible <nodes> -m command -a 'docker logs --tail " + settings.logLines() + " <container>' (on the deployer)",
                site.name(), logs.size() + " logs of " + KEY_CONTAINER_HOSTS.get(execution).byContainer().keySet(), HealthRules.containerLogs(logs));
    }
}
