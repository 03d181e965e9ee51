package io.dayshift.runbook.upgrade;

import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.runbook.await.KollaRunProbe;
import io.dayshift.runbook.await.Look;
import io.dayshift.runbook.await.Operation;
import io.dayshift.runbook.await.OperationProbe;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * An upgrade step started by {@code Task_StartStep} or {@code Task_StartBatchUpgrade}, looked at through
 * {@link UpgradeStepRunner#check}: a kolla step (openstack_release written, a detached kolla-ansible run ended with no
 * failed host) or a charmed one (the application on its channel, its units active and idle). A failure the start itself
 * met (a charm action failed) is in the handle, and the look reports it. Two kinds, so each look retries with the profile
 * of the system it asks.
 */
abstract class UpgradeStepProbe extends OperationProbe {

    private final UpgradeStepRunner runner;

    UpgradeStepProbe(String kind, String system, Sites sites, UpgradeStepRunner runner) {
        super(kind, system, sites);
        this.runner = runner;
    }

    /** What a start awaits: the step, the kolla run it started (if any), and the failure it met (if any). */
    static Operation operation(String site, UpgradeStep step, Optional<KollaRunHandle> run, Optional<String> failure) {
        Map<String, String> handle = new HashMap<>(Map.of("key", step.key(), "kind", step.kind().name(), "value", step.value(),
                "targets", String.join(",", step.targets())));
        run.ifPresent(r -> handle.putAll(KollaRunProbe.operation(site, "", r).handle()));
        failure.ifPresent(f -> handle.put("failure", f));
        String kind = step.kind().name().startsWith("KOLLA") ? Kolla.KIND : Charmed.KIND;
        return new Operation(kind, site, String.join(",", step.targets()), step.key() + ": " + step.description(), handle);
    }

    /** The kolla run an operation of a step started, if it started one. */
    static Optional<KollaRunHandle> run(Operation operation) {
        return operation.handle().containsKey("runId") ? Optional.of(KollaRunProbe.handle(operation)) : Optional.empty();
    }

    @Override
    protected Look look(Operation operation, Site site) {
        String failure = operation.handle().get("failure");
        if (failure != null) {
            return Look.failed(failure);
        }
        String targets = operation.require("targets");
        UpgradeStep step = new UpgradeStep(operation.require("key"), StepKind.valueOf(operation.require("kind")), operation.description(),
                targets.isEmpty() ? null : Arrays.asList(targets.split(",")), operation.require("value"), false);
        return runner.check(site, step, run(operation));
    }

    @Component
    static class Kolla extends UpgradeStepProbe {

        static final String KIND = "kolla-upgrade-step";

        Kolla(Sites sites, UpgradeStepRunner runner) {
            super(KIND, "kolla", sites, runner);
        }
    }

    @Component
    static class Charmed extends UpgradeStepProbe {

        static final String KIND = "charmed-upgrade-step";

        Charmed(Sites sites, UpgradeStepRunner runner) {
            super(KIND, "juju", sites, runner);
        }
    }
}
