package io.dayshift.evidence;

import io.dayshift.charm.CharmModel;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.kolla.KollaRunStatus;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineQuery;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;

/**
 * The delegate of the test process {@code evidence-probe}: calls the run's site ({@code site}) with the tool the run names
 * ({@code tool}: ssh, maas, openstack, kolla, juju) through the production adapters, and fails afterwards when the run
 * says so ({@code fail}). Imported by the tests that run it; without an annotation, no scan of the tests picks it up.
 */
class EvidenceProbe {

    /** Calls the run's site with the tool the run names, through the production adapters; fails afterwards when told to. */
    @Bean
    JavaDelegate evidenceProbe(Sites sites, MachineProvisioner maas, ComputeCloud compute, KollaDeployer kolla, CharmModel juju) {
        return execution -> {
            Site site = sites.require((String) execution.getVariable("site"));
            switch ((String) execution.getVariable("tool")) {
                case "ssh" -> kolla.openstackRelease(site);
                case "maas" -> maas.listMachines(site, MachineQuery.all());
                case "openstack" -> compute.computeServices(site);
                case "kolla" -> {
                    KollaRunHandle run = kolla.start(site, KollaAction.PRECHECKS, List.of("cn01"), "evidence-" + execution.getProcessInstanceId());
                    for (int look = 0; look < 20 && kolla.check(site, run).status() == KollaRunStatus.RUNNING; look++) {
                        // the lab's time factor is 0: the run ends at once, a look or two later
                    }
                }
                case "juju" -> juju.runAction(site, "mysql-innodb-cluster/0", "mysqldump", Map.of());
                default -> throw new IllegalArgumentException("no such tool");
            }
            if (Boolean.TRUE.equals(execution.getVariable("fail"))) {
                throw new IllegalStateException("the step fails after its call");
            }
        };
    }
}
