package io.dayshift.runbook.upgrade;

import io.dayshift.charm.ActionFailedException;
import io.dayshift.charm.Application;
import io.dayshift.charm.CharmModel;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.Unit;
import io.dayshift.kolla.FileChange;
import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRun;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.kolla.KollaRunState;
import io.dayshift.kolla.KollaRunStatus;
import io.dayshift.runbook.await.Look;
import io.dayshift.site.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Starts and checks one {@link UpgradeStep}: the only place that knows what each {@link StepKind} calls. Starting is safe
 * to repeat (a kolla run id names the step and the attempt; a charm refresh to the channel it tracks already does nothing;
 * pause, openstack-upgrade and resume of a unit already upgraded change nothing); checking changes nothing.
 */
@Component
class UpgradeStepRunner {

    /** What a start did: the command or call, its result, the detached run if any, and a failure the check reports. */
    record Started(String action, String result, Optional<KollaRunHandle> run, Optional<String> failure) {
    }

    private final KollaDeployer kolla;
    private final CharmModel charms;
    private final String series;

    UpgradeStepRunner(KollaDeployer kolla, CharmModel charms, RollingUpgrade settings) {
        this.kolla = kolla;
        this.charms = charms;
        this.series = settings.ubuntuSeries();
    }

    Started start(Site site, UpgradeStep step, String runId) {
        return switch (step.kind()) {
            case KOLLA_SET_RELEASE -> {
                FileChange change = kolla.setOpenstackRelease(site, step.value());
                yield new Started("set openstack_release: \"" + step.value() + "\" in " + change.file(),
                        change.changed() ? "written (previous copy " + change.backup() + ")" : "already set", Optional.empty(), Optional.empty());
            }
            case KOLLA_RUN -> {
                KollaAction action = KollaAction.valueOf(step.value().toUpperCase(Locale.ROOT).replace('-', '_'));
                KollaRunHandle handle = kolla.start(site, action, step.targets(), runId);
                yield new Started(handle.command(), "started as run " + runId, Optional.of(handle), Optional.empty());
            }
            case CHARM_MODEL_IDLE -> new Started("juju status (model idle?)", "nothing to change", Optional.empty(), Optional.empty());
            case CHARM_UPGRADE_APPLICATION -> {
                String app = step.targets().get(0);
                boolean subordinate = charms.status(site).application(app).map(Application::subordinate).orElse(false);
                if (step.unitByUnit()) {
                    charms.setConfig(site, app, "action-managed-upgrade", "true");
                }
                boolean refreshed = charms.refresh(site, app, step.value());
                String origin = "cloud:" + series + "-" + Release.ofChannel(step.value()).map(Release::codename).orElse(step.value());
                if (!subordinate) {
                    charms.setConfig(site, app, "openstack-origin", origin);
                }
                yield new Started((step.unitByUnit() ? "juju config " + app + " action-managed-upgrade=true; " : "") + "juju refresh " + app
                        + " --channel " + step.value() + (subordinate ? "" : "; juju config " + app + " openstack-origin=" + origin),
                        refreshed ? "refreshed" : "already on " + step.value(), Optional.empty(), Optional.empty());
            }
            case CHARM_UPGRADE_UNITS -> {
                List<String> done = new ArrayList<>();
                for (String unit : step.targets()) {
                    try {
                        charms.pause(site, unit);
                        charms.runAction(site, unit, "openstack-upgrade", java.util.Map.of());
                        charms.resume(site, unit);
                        done.add(unit);
                    } catch (ActionFailedException e) {
                        yield new Started("juju run " + unit + " pause / openstack-upgrade / resume", "failed on " + unit, Optional.empty(),
                                Optional.of("action " + e.getMessage() + (done.isEmpty() ? "" : " (upgraded before it: " + String.join(", ", done) + ")")
                                        + "; " + unit + " may be left paused"));
                    }
                }
                yield new Started("juju run <unit> pause; openstack-upgrade; resume on " + String.join(", ", step.targets()),
                        "upgraded " + done.size() + " unit(s)", Optional.empty(), Optional.empty());
            }
        };
    }

    /** Refuses to go on while {@code previous} still runs: two kolla-ansible playbooks must never run on a site at once. */
    void requireEnded(Site site, KollaRunHandle previous) {
        KollaRunState state = kolla.check(site, previous);
        if (state.status() == KollaRunStatus.RUNNING) {
            throw new IllegalStateException("kolla-ansible run " + previous.runId() + " (" + previous.command() + ") still runs on the "
                    + "deployer of " + site.name() + "; the next step starts once it has ended (retry this job then)");
        }
    }

    Look check(Site site, UpgradeStep step, Optional<KollaRunHandle> run) {
        return switch (step.kind()) {
            case KOLLA_SET_RELEASE -> {
                String release = kolla.openstackRelease(site).orElse("(not set)");
                yield release.equals(step.value()) ? Look.succeeded("openstack_release is " + release) : Look.failed("openstack_release is " + release);
            }
            case KOLLA_RUN -> {
                KollaRunState state = kolla.check(site, run.orElseThrow(() -> new IllegalStateException("no kolla run was started for " + step.key())));
                boolean succeeded = state.result().map(KollaRun::succeeded).orElse(false);
                boolean failed = state.status() == KollaRunStatus.LOST || state.status() == KollaRunStatus.FINISHED && !succeeded;
                String troubled = state.result().map(r -> r.troubledHosts().isEmpty() ? "" : " (failed or unreachable: "
                        + String.join(", ", r.troubledHosts()) + ")").orElse("");
                String detail = state.detail() + troubled;
                Look look = succeeded ? Look.succeeded(detail) : failed ? Look.failed(detail) : Look.running(detail);
                yield look.withEvidence(state.logTail(), state.result().map(KollaRun::exitCode).orElse(null));
            }
            case CHARM_MODEL_IDLE -> unitsIdle(charms.status(site), null, null);
            case CHARM_UPGRADE_APPLICATION -> {
                ModelStatus model = charms.status(site);
                String app = step.targets().get(0);
                String channel = model.application(app).map(Application::channel).orElse("(gone)");
                if (!channel.equals(step.value())) {
                    yield Look.running(app + " tracks " + channel + ", not yet " + step.value());
                }
                yield unitsIdle(model, app, null);
            }
            case CHARM_UPGRADE_UNITS -> unitsIdle(charms.status(site), null, step.targets());
        };
    }

    /** Every unit (of {@code app}, or named in {@code units}, or of the model) and its subordinates active and idle; a unit in error fails. */
    private static Look unitsIdle(ModelStatus model, String app, List<String> units) {
        List<String> waiting = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        for (Application a : model.applications().values()) {
            for (Unit principal : a.units().values()) {
                List<Unit> all = new ArrayList<>(List.of(principal));
                all.addAll(principal.subordinates().values());
                for (Unit u : all) {
                    boolean wanted = app != null ? u.application().equals(app) : units == null || units.contains(principal.name());
                    if (!wanted || u.activeAndIdle()) {
                        continue;
                    }
                    String state = u.name() + " " + u.workload().describe() + "/" + u.agent().current();
                    if (u.workload().is("error") || u.workload().is("blocked") || u.agent().is("error") || u.agent().is("lost")) {
                        broken.add(state);
                    } else {
                        waiting.add(state);
                    }
                }
            }
        }
        String scope = app != null ? "units of " + app : units != null ? String.join(", ", units) : "every unit of model " + model.model();
        if (!broken.isEmpty()) {
            return Look.failed("not active/idle: " + String.join("; ", broken)).withEvidence(String.join("\n", waiting), null);
        }
        if (!waiting.isEmpty()) {
            return Look.running(scope + ": waiting for " + String.join("; ", waiting));
        }
        return Look.succeeded(scope + ": active and idle");
    }
}
