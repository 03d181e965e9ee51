package io.dayshift.runbook.upgrade;

import io.dayshift.charm.Application;
import io.dayshift.charm.CharmModel;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.Unit;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.site.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The exact state of an upgrade in flight, for a hand-over: read from the site, not from what the run remembers. */
@Component
class UpgradeState {

    private final CharmModel charms;
    private final KollaDeployer kolla;
    private final HostReleaseCheck hosts;

    UpgradeState(CharmModel charms, KollaDeployer kolla, HostReleaseCheck hosts) {
        this.charms = charms;
        this.kolla = kolla;
        this.hosts = hosts;
    }

    String describe(Site site, UpgradePlan plan) {
        List<String> lines = new ArrayList<>();
        if (plan.kolla()) {
            lines.add("openstack_release: " + kolla.openstackRelease(site).orElse("(not set)") + ".");
            TreeMap<String, List<String>> byRelease = new TreeMap<>();
            plan.hosts().forEach(h -> byRelease.computeIfAbsent(hosts.look(site, plan, h).release(), r -> new ArrayList<>()).add(h));
            byRelease.forEach((release, list) -> lines.add("nova_compute " + release + ": " + String.join(", ", list) + "."));
            return String.join("\n", lines);
        }
        ModelStatus model = charms.status(site);
        for (Application app : new TreeMap<>(model.applications()).values()) {
            List<String> units = new ArrayList<>();
            for (Unit u : new TreeMap<>(app.units()).values()) {
                if (!u.activeAndIdle()) {
                    units.add(u.name() + " " + u.workload().describe() + "/" + u.agent().current());
                }
            }
            lines.add(app.name() + " " + (app.channel().isEmpty() ? "(no channel)" : app.channel()) + " rev " + app.revision() + " version "
                    + (app.workloadVersion().isEmpty() ? "?" : app.workloadVersion()) + (units.isEmpty() ? "" : ", not active/idle: " + String.join("; ", units)) + ".");
        }
        return String.join("\n", lines);
    }
}
