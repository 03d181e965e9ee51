package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.ceph.CephCluster;
import io.dayshift.ceph.CephStatus;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckCeph}: {@code ceph -s} on the site's Ceph admin host; HEALTH_WARN amber, HEALTH_ERR or no answer red, no Ceph nothing. */
@Component("checkCephHealth")
class CheckCephHealthDelegate implements JavaDelegate {

    private final Sites sites;
    private final CephCluster ceph;

    CheckCephHealthDelegate(Sites sites, CephCluster ceph) {
        this.sites = sites;
        this.ceph = ceph;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        Optional<CephStatus> status = ceph.status(site);
        SiteHealthCheck.record(execution, "ceph --connect-timeout 20 -s", site.name(), status.map(s -> "Ceph " + s.health()).orElse("no Ceph on the site"),
                HealthRules.ceph(status));
    }
}
