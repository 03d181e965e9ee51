package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.DOWN_HOSTS;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.FAILING_CONTAINERS;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.FAILING_UNITS;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.MITIGATION_CHOICES;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.MITIGATION_OPTIONS;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.MITIGATION_TARGETS;

import io.dayshift.charm.CharmRestarts;
import io.dayshift.charm.ServiceRestart;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.sev1.MitigationOptions.Option;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ProposeMitigations}, a rule: the mitigations that fit the findings. Evacuation only for a hypervisor that is
 * down, a container restart only for a container that is not running, a restart of a unit's services only for a unit in error
 * or blocked that can run it (its agent and machine up, its charm's way of restarting known),
 * a rollback only while a rolling upgrade of this site runs; "no action" (verify again) always. The form lists their targets to
 * choose from ({@code mitigationTargets}); completing it still checks that the pair chosen is one of them.
 */
@Component("proposeMitigations")
class ProposeMitigationsDelegate implements JavaDelegate {

    private final RuntimeService runtime;

    ProposeMitigationsDelegate(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<Option> options = new ArrayList<>();
        Sev1Incident.list(DOWN_HOSTS.find(execution).orElse("")).forEach(host -> options.add(new Option(Sev1Incident.EVACUATE_HOST, host,
                "nova-compute on " + host + " is down: fence it (force down) and rebuild its instances on healthy hosts")));
        Sev1Incident.list(FAILING_CONTAINERS.find(execution).orElse("")).forEach(c -> options.add(new Option(Sev1Incident.RESTART_CONTAINER_ACTION, c,
                "container " + c + " is not running or unhealthy")));
        Sev1Incident.list(FAILING_UNITS.find(execution).orElse("")).forEach(u -> {
            String unit = u.substring(0, u.indexOf(':'));
            options.add(new Option(Sev1Incident.RESTART_UNIT_SERVICE_ACTION, unit, "unit " + unit + " is in error or blocked: restart its services with "
                    + CharmRestarts.of(u.substring(u.indexOf(':') + 1)).map(ServiceRestart::describe).orElse("its charm's restart")));
        });
        runtime.createProcessInstanceQuery().processDefinitionKey(Sev1Incident.ROLLING_UPGRADE).active()
                .variableValueEquals(SITE.name(), SITE.get(execution)).list()
                .forEach(upgrade -> options.add(new Option(Sev1Incident.ROLLBACK_UPGRADE, upgrade.getId(),
                        "a rolling upgrade of this site is running (run " + upgrade.getId() + "): ask it to roll back")));
        options.add(new Option(Sev1Incident.NO_ACTION, "", "nothing to do now (or it recovered by itself): verify the site again"));
        MitigationOptions proposed = new MitigationOptions(options);
        MITIGATION_OPTIONS.set(execution, proposed);
        MITIGATION_CHOICES.set(execution, proposed.describe());
        MITIGATION_TARGETS.set(execution, proposed.targets());
        RunLog.record(execution, "propose mitigations from the findings", SITE.get(execution), options.size() + " option(s)", null, proposed.describe());
    }
}
