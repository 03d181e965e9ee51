package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.TARGET;

import io.dayshift.engine.RunLog;
import io.dayshift.kolla.ContainerLog;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.NodeContainer;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RestartContainer} (Kolla sites): {@code docker restart} of the chosen container on its node, through Ansible on
 * the deployer. A container that already runs healthy (a retried step, or it came back) is not restarted again.
 */
@Component("restartContainer")
class RestartContainerDelegate implements JavaDelegate {

    private final Sites sites;
    private final KollaDeployer kolla;

    RestartContainerDelegate(Sites sites, KollaDeployer kolla) {
        this.sites = sites;
        this.kolla = kolla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String target = TARGET.get(execution);
        String host = target.substring(0, target.indexOf('/'));
        String container = target.substring(target.indexOf('/') + 1);
        Optional<NodeContainer> now = kolla.containers(site, host).stream().flatMap(h -> h.containers().stream()).filter(c -> c.name().equals(container)).findFirst();
        if (now.isPresent() && now.get().running() && !now.get().unhealthy()) {
            Mitigations.done(execution, container + " on " + host + " already running (" + now.get().status() + "), not restarted");
            RunLog.record(execution, "ansible " + host + " -m command -a 'docker ps -a'", target, "already running, not restarted", null, now.get().status());
            return;
        }
        ContainerLog restart = kolla.restartContainer(site, host, container);
        String outcome = restart.problem().map(p -> "restart refused: " + p).orElse("restarted");
        Mitigations.done(execution, container + " on " + host + " " + outcome);
        RunLog.record(execution, "ansible " + host + " --become -m command -a 'docker restart " + container + "' (on the deployer)", target, outcome, null,
                restart.problem().orElse(String.join("\n", restart.lines())));
    }
}
