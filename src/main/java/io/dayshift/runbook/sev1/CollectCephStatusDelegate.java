package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.ceph.CephCluster;
import io.dayshift.ceph.CephStatus;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CollectCephStatus}: {@code ceph -s} where the site has Ceph. */
@Component("collectCephStatus")
class CollectCephStatusDelegate implements JavaDelegate {

    private final Sites sites;
    private final CephCluster ceph;
    private final Sev1Incident settings;

    CollectCephStatusDelegate(Sites sites, CephCluster ceph, Sev1Incident settings) {
        this.sites = sites;
        this.ceph = ceph;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        Optional<CephStatus> status = ceph.status(site);
        String text = "== Ceph (ceph -s)\n" + status.map(CephStatus::text).orElse("no ceph command on the site's Ceph admin host: no Ceph\n");
        Evidence.append(execution, text, settings.evidenceChars());
        RunLog.record(execution, "ceph --connect-timeout 20 -s", site.name(), status.map(CephStatus::health).orElse("no Ceph"), null, text);
    }
}
