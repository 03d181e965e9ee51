package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.healthcheck.SiteHealthCheck.Variables.KEY_CONTAINER_HOSTS;

import io.dayshift.kolla.HostContainers;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.NodeContainer;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckContainers} (Kolla sites): every container on the nodes running; notes where the key containers run. */
@Component("checkContainers")
class CheckContainersDelegate implements JavaDelegate {

    private final Sites sites;
    private final KollaDeployer kolla;
    private final SiteHealthCheck settings;

    CheckContainersDelegate(Sites sites, KollaDeployer kolla, SiteHealthCheck settings) {
        this.sites = sites;
        this.kolla = kolla;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<HostContainers> hosts = kolla.containers(site, settings.kollaHosts());
        Map<String, List<String>> keyHosts = new LinkedHashMap<>();
        settings.keyContainers().forEach(name -> hosts.forEach(h -> h.containers().stream().map(NodeContainer::name).filter(name::equals)
                .findFirst().ifPresent(c -> keyHosts.computeIfAbsent(c, k -> new ArrayList<>()).add(h.host()))));
        KEY_CONTAINER_HOSTS.set(execution, new KeyContainerHosts(keyHosts));
        SiteHealthCheck.record(execution, "ansible " + settings.kollaHosts() + " -m command -a 'docker ps -a' (on the deployer)", site.name(),
                hosts.size() + " nodes, " + hosts.stream().mapToInt(h -> h.containers().size()).sum() + " containers",
                HealthRules.containers(hosts, settings.keyContainers()));
    }
}
