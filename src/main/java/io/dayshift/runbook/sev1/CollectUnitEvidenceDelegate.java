package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.FAILING_UNITS;

import io.dayshift.charm.Application;
import io.dayshift.charm.CharmModel;
import io.dayshift.charm.CharmRestarts;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.ServiceRestart;
import io.dayshift.charm.Unit;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CollectUnitEvidence} (charmed sites): {@code juju status} of the applications with a unit in error, blocked
 * or lost. Such a unit is offered for a restart of its services ({@code unit:charm}) only when it can run it: its agent idle
 * or executing on a started machine, and its charm one whose restart Dayshift knows ({@link CharmRestarts}); the evidence
 * says why the others are not.
 */
@Component("collectUnitEvidence")
class CollectUnitEvidenceDelegate implements JavaDelegate {

    private final Sites sites;
    private final CharmModel charms;
    private final Sev1Incident settings;

    CollectUnitEvidenceDelegate(Sites sites, CharmModel charms, Sev1Incident settings) {
        this.sites = sites;
        this.charms = charms;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        ModelStatus status = charms.status(site);
        List<String> failing = new ArrayList<>();
        StringBuilder text = new StringBuilder("== Juju units (juju status, model " + status.model() + ", Juju " + status.jujuVersion() + ")\n");
        for (Application app : status.applications().values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            List<Unit> bad = app.units().values().stream().filter(CollectUnitEvidenceDelegate::failing).sorted((a, b) -> a.name().compareTo(b.name())).toList();
            if (bad.isEmpty()) {
                continue;
            }
            text.append(app.name()).append(" (").append(app.charm()).append(' ').append(app.channel()).append("): ").append(app.status().describe()).append('\n');
            Optional<ServiceRestart> restart = CharmRestarts.of(app.charm());
            for (Unit u : bad) {
                String offer;
                if (restart.isEmpty()) {
                    offer = "no restart offered: Dayshift does not know how charm " + app.charm() + " restarts its services";
                } else if (!status.canRunCommands(u)) {
                    offer = "no restart offered: its agent or machine cannot run commands";
                } else {
                    failing.add(u.name() + ":" + app.charm());
                    offer = "restart offered: " + restart.get().describe();
                }
                text.append("  ").append(u.name()).append(" on machine ").append(u.machine()).append(": workload ").append(u.workload().describe())
                        .append(", agent ").append(u.agent().describe()).append("; ").append(offer).append('\n');
            }
        }
        FAILING_UNITS.set(execution, String.join(",", failing));
        Evidence.append(execution, failing.isEmpty() ? text + "every unit is active or maintenance\n" : text.toString(), settings.evidenceChars());
        RunLog.record(execution, "juju status --format=json", site.name(), failing.size() + " unit(s) in error, blocked or lost", null, Sev1Incident.tail(text.toString(), 4000));
    }

    private static boolean failing(Unit unit) {
        return unit.workload().is("error") || unit.workload().is("blocked") || unit.agent().is("lost") || unit.agent().is("error");
    }
}
