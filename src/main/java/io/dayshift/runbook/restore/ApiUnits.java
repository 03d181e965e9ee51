package io.dayshift.runbook.restore;

import io.dayshift.charm.CharmModel;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.Unit;
import io.dayshift.site.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Charmed: the units of the OpenStack API applications that write to the databases, paused with the charms' {@code pause}
 * action before a database restore and resumed after it. Each looks first: a unit paused already is not paused again
 * (and, not paused by the run, is not resumed by it); a unit running already is not resumed.
 */
final class ApiUnits {

    /** The API applications whose services write to the databases (those the model has). */
    static final List<String> APPLICATIONS = List.of("keystone", "nova-cloud-controller", "neutron-api", "glance", "cinder", "placement",
            "heat", "octavia", "barbican", "designate", "manila", "aodh", "gnocchi");

    private ApiUnits() {
    }

    /** Pauses every running unit of the API applications; returns the units this call paused. */
    static List<String> pause(CharmModel charms, Site site) {
        ModelStatus status = charms.status(site);
        List<String> paused = new ArrayList<>();
        for (String application : APPLICATIONS) {
            for (Unit unit : status.application(application).map(a -> a.units().values().stream().sorted(java.util.Comparator.comparing(Unit::name))
                    .toList()).orElse(List.of())) {
                if (!paused(unit)) {
                    charms.pause(site, unit.name());
                    paused.add(unit.name());
                }
            }
        }
        return paused;
    }

    /** Resumes those of {@code units} that are still paused; returns the units this call resumed. */
    static List<String> resume(CharmModel charms, Site site, List<String> units) {
        ModelStatus status = charms.status(site);
        List<String> resumed = new ArrayList<>();
        for (String name : units) {
            Optional<Unit> unit = status.unit(name);
            if (unit.isPresent() && paused(unit.get())) {
                charms.resume(site, name);
                resumed.add(name);
            }
        }
        return resumed;
    }

    /** The OpenStack charms show a paused unit as maintenance, "Paused. Use 'resume' action to resume normal service." */
    private static boolean paused(Unit unit) {
        return unit.workload().is("maintenance") && unit.workload().message().startsWith("Paused");
    }
}
