package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.FAILING_CONTAINERS;

import io.dayshift.engine.RunLog;
import io.dayshift.kolla.ContainerLog;
import io.dayshift.kolla.HostContainers;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.NodeContainer;
import io.dayshift.runbook.healthcheck.SiteHealthCheck;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CollectContainerEvidence} (Kolla sites): {@code docker ps -a} on every node, then the last log lines of each
 * container that is not running or fails its health check (at most {@value #MAX_LOGS}), through Ansible on the deployer.
 */
@Component("collectContainerEvidence")
class CollectContainerEvidenceDelegate implements JavaDelegate {

    static final int MAX_LOGS = 10;

    private final Sites sites;
    private final KollaDeployer kolla;
    private final SiteHealthCheck health;
    private final Sev1Incident settings;

    CollectContainerEvidenceDelegate(Sites sites, KollaDeployer kolla, SiteHealthCheck health, Sev1Incident settings) {
        this.sites = sites;
        this.kolla = kolla;
        this.health = health;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<String> failing = new ArrayList<>();
        StringBuilder text = new StringBuilder("== Containers (docker ps -a on " + health.kollaHosts() + ")\n");
        for (HostContainers host : kolla.containers(site, health.kollaHosts())) {
            host.problem().ifPresent(p -> text.append(host.host()).append(": ").append(p).append('\n'));
            for (NodeContainer c : host.containers().stream().filter(c -> !c.running() || c.unhealthy()).toList()) {
                failing.add(host.host() + "/" + c.name());
                text.append(host.host()).append('/').append(c.name()).append(": ").append(c.status()).append('\n');
            }
        }
        for (String hostAndName : failing.stream().limit(MAX_LOGS).toList()) {
            String[] parts = hostAndName.split("/", 2);
            for (ContainerLog log : kolla.containerLogTail(site, List.of(parts[0]), parts[1], settings.logLines())) {
                text.append("-- docker logs --tail ").append(settings.logLines()).append(' ').append(hostAndName).append('\n')
                        .append(log.problem().orElse(String.join("\n", log.lines()))).append('\n');
            }
        }
        FAILING_CONTAINERS.set(execution, String.join(",", failing));
        Evidence.append(execution, text.toString(), settings.evidenceChars());
        RunLog.record(execution, "ansible " + health.kollaHosts() + " -m command -a 'docker ps -a'; docker logs --tail " + settings.logLines()
                + " <failing container> (on the deployer)", site.name(), failing.size() + " container(s) not running or unhealthy", null,
                Sev1Incident.tail(text.toString(), 4000));
    }
}
