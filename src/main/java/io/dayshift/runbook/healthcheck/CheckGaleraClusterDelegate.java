package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.kolla.GaleraNode;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckGaleraCluster} (Kolla sites): every mariadb node Primary, Synced and seeing all the others. */
@Component("checkGaleraCluster")
class CheckGaleraClusterDelegate implements JavaDelegate {

    private final Sites sites;
    private final KollaDeployer kolla;

    CheckGaleraClusterDelegate(Sites sites, KollaDeployer kolla) {
        this.sites = sites;
        this.kolla = kolla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<GaleraNode> nodes = kolla.galeraStatus(site);
        SiteHealthCheck.record(execution, "ansible mariadb --become -m command -a 'docker exec mariadb sh -c <SHOW GLOBAL STATUS wsrep_…>' (on the deployer)",
                site.name(), nodes.size() + " mariadb nodes", HealthRules.galera(nodes));
    }
}
