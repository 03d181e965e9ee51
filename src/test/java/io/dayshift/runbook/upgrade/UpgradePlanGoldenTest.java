package io.dayshift.runbook.upgrade;

import io.dayshift.charm.Application;
import io.dayshift.charm.CharmModel;
import io.dayshift.charm.EntityStatus;
import io.dayshift.charm.Machine;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.Unit;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.golden.Golden;
import io.dayshift.golden.GoldenPlanTest;
import io.dayshift.kolla.KollaDeployer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Golden plans of {@code rolling-upgrade}: the site's facts as {@code Task_ValidateInput} reads them (Nova's compute services,
 * the release in globals.yml or the Juju model's channels) in {@code golden/upgrade/<case>.yaml}, the plan the approver
 * reads ({@link PlanText}) and the steps the run executes in {@code <case>.plan.txt}, or the reasons the input is refused.
 */
class UpgradePlanGoldenTest extends GoldenPlanTest<UpgradePlanGoldenTest.Fixture> {

    /**
     * @param now              when the run starts (the window is checked against it)
     * @param site             a site of {@code golden/sites.yaml}
     * @param openstackRelease kolla: {@code openstack_release} in globals.yml
     * @param computes         the nova-compute services
     * @param model            charmed: the Juju model
     */
    record Fixture(Instant now, String site, String openstackRelease, String targetRelease, Long batchSize, String canaryHost, Window window,
                   List<Compute> computes, Model model) {
    }

    record Window(String start, String end) {
    }

    /** @param disabled the disabled reason when an operator disabled it before the upgrade; absent: enabled */
    record Compute(String host, String zone, String disabled) {
    }

    /** The Juju model, in the lab topology's shape: each application placed {@code to} hosts ({@code cn01}) or containers ({@code lxd:cc01}). */
    record Model(String name, List<App> applications) {
    }

    record App(String name, String charm, String channel, List<String> to, List<String> subordinateTo) {
    }

    UpgradePlanGoldenTest() {
        super("upgrade", Fixture.class);
    }

    @Override
    protected String plan(Path fixture, Fixture f) {
        UpgradeInputCheck.Result result = check(f);
        if (!result.accepted()) {
            return "Input rejected, nothing planned:\n" + String.join("\n", result.problems().stream().map(p -> "- " + p).toList());
        }
        return text(result.plan().orElseThrow(), f);
    }

    /** Both approvals' tables: the plan's ({@code planTable}) and the rollback's ({@code rollbackTable}). */
    @Override
    protected Object table(Path fixture, Fixture f) {
        UpgradeInputCheck.Result result = check(f);
        if (!result.accepted()) {
            return "input rejected: no tables";
        }
        Map<String, Object> tables = new java.util.LinkedHashMap<>();
        tables.put("planTable", PlanTables.plan(result.plan().orElseThrow(), f.window().start(), f.window().end()));
        tables.put("rollbackTable", PlanTables.rollback(result.plan().orElseThrow()));
        return tables;
    }

    private static UpgradeInputCheck.Result check(Fixture f) {
        ComputeCloud compute = Golden.port(ComputeCloud.class, Map.of("computeServices", args -> f.computes().stream()
                .map(c -> new ComputeService("svc-" + c.host(), ComputeService.NOVA_COMPUTE, c.host(), c.zone(), c.disabled() == null, true, false,
                        Optional.ofNullable(c.disabled()), Optional.empty())).toList()));
        KollaDeployer kolla = Golden.port(KollaDeployer.class, Map.of("openstackRelease", args -> Optional.ofNullable(f.openstackRelease())));
        CharmModel charms = Golden.port(CharmModel.class, Map.of("status", args -> model(f.model())));
        RollingUpgrade settings = new RollingUpgrade(Duration.ofMinutes(1), Duration.ofHours(4), Duration.ofMinutes(10),
                Duration.ofHours(2), 20, "databases", "jammy");
        return new UpgradeInputCheck(Golden.sites(), compute, kolla, charms, settings)
                .check(new UpgradeInputCheck.Input(f.site(), f.targetRelease(), f.batchSize(), f.window().start(), f.window().end(),
                        f.canaryHost()), f.now(), "rolling-upgrade run golden");
    }

    private static String text(UpgradePlan plan, Fixture f) {
        StringBuilder out = new StringBuilder(PlanText.describe(plan, f.window().start(), f.window().end()));
        out.append("\n\n=== the plan as data: the steps the run executes, in order ===\n");
        section(out, "preparation", plan.preparation());
        section(out, "control plane", plan.controlPlane());
        out.append("batches:\n");
        plan.batches().forEach(b -> out.append("  ").append(b.number()).append(b.canary() ? " canary" : "").append(" zone ").append(b.zone())
                .append(' ').append(b.hosts()).append(": ").append(step(b.upgrade())).append('\n'));
        section(out, "finish", plan.finish());
        section(out, "rollback", plan.rollback());
        section(out, "reconfigure", plan.reconfigure());
        out.append("disabled before: ").append(plan.disabledBefore()).append('\n')
                .append("smoke host: ").append(plan.smokeHost()).append('\n')
                .append("drain reason: ").append(plan.drainReason()).append('\n')
                .append("return reason: ").append(plan.returnReason()).append('\n');
        return out.toString();
    }

    private static void section(StringBuilder out, String name, List<UpgradeStep> steps) {
        out.append(name).append(':').append(steps.isEmpty() ? " (none)" : "").append('\n');
        steps.forEach(s -> out.append("  ").append(step(s)).append('\n'));
    }

    private static String step(UpgradeStep s) {
        return s.key() + " " + s.kind() + " value=" + s.value() + " targets=" + s.targets() + (s.unitByUnit() ? " unit-by-unit" : "");
    }

    /** The model as {@code juju status} shows it: a machine per host, a container per {@code lxd:} placement, every unit active/idle. */
    private static ModelStatus model(Model m) {
        EntityStatus active = new EntityStatus("active", "");
        EntityStatus idle = new EntityStatus("idle", "");
        EntityStatus started = new EntityStatus("started", "");
        Map<String, Machine> machines = new LinkedHashMap<>();
        Map<String, Application> apps = new LinkedHashMap<>();
        for (App app : m.applications()) {
            Map<String, Unit> units = new LinkedHashMap<>();
            List<String> to = app.to() == null ? List.of() : app.to();
            for (String placement : to) {
                String host = placement.startsWith("lxd:") ? placement.substring(4) : placement;
                String id = placement.startsWith("lxd:") ? host + "/lxd/" + machines.keySet().stream().filter(k -> k.startsWith(host + "/lxd/")).count() : host;
                machines.putIfAbsent(id, new Machine(id, started, new EntityStatus("running", ""), id, id.replace('/', '-'), "", "", ""));
                String unit = app.name() + "/" + units.size();
                units.put(unit, new Unit(unit, active, idle, id, units.isEmpty(), id, Map.of()));
            }
            apps.put(app.name(), new Application(app.name(), app.charm() == null ? app.name() : app.charm(), app.channel(), 1, "", active, "",
                    app.subordinateTo() == null ? List.of() : app.subordinateTo(), Map.of(), units));
        }
        return new ModelStatus(m.name(), "3.4.2", apps, machines);
    }
}
