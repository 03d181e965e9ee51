package io.dayshift.runbook.upgrade;

import io.dayshift.charm.Application;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.Unit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the {@link UpgradePlan} from facts read once (the compute hosts and their zones; on a charmed site the model),
 * without touching the site, the way charmed-openstack-upgrader analyses a cloud before it plans.
 *
 * <p>Kolla: {@code openstack_release}, {@code pull} and {@code prechecks} once the window opened (after the approval); {@code upgrade --limit
 * control,loadbalancer} then {@code --limit network}; each batch {@code upgrade --limit <its hosts>}. Charmed (cou,
 * cou/utils/openstack.py and cou/steps/plan.py): the control-plane applications on an OpenStack release track,
 * subordinates first, then principals in cou's {@code UPGRADE_ORDER}; nova-compute refreshed with
 * {@code action-managed-upgrade=true}; its units per batch, hypervisors grouped by availability zone; then the remaining
 * data-plane applications.
 */
final class UpgradePlanner {

    /** cou's UPGRADE_ORDER of control-plane charms. */
    static final List<String> UPGRADE_ORDER = List.of("vault", "rabbitmq-server", "ceph-mon", "keystone", "aodh", "barbican", "ceilometer",
            "ceph-fs", "ceph-radosgw", "cinder", "designate", "designate-bind", "glance", "gnocchi", "heat", "manila", "manila-ganesha",
            "neutron-gateway", "ovn-dedicated-chassis", "placement", "nova-cloud-controller", "openstack-dashboard", "octavia");
    /** cou's DATA_PLANE_CHARMS (plus any principal placed beside nova-compute). */
    static final Set<String> DATA_PLANE_CHARMS = Set.of("nova-compute", "ovn-central", "neutron-api", "ceph-osd", "swift-proxy", "swift-storage");
    static final String NOVA_COMPUTE = "nova-compute";
    static final List<String> KOLLA_CONTROL = List.of("control", "loadbalancer");
    static final List<String> KOLLA_NETWORK = List.of("network");

    /** A compute host as Nova lists it. */
    record ComputeHost(String host, String zone) {
    }

    private UpgradePlanner() {
    }

    static UpgradePlan kolla(String site, Release current, Release target, List<ComputeHost> computes, int batchSize, Optional<String> canary,
                             String runReference) {
        List<UpgradeStep> preparation = List.of(
                new UpgradeStep("prepare-1", StepKind.KOLLA_SET_RELEASE, "openstack_release: \"" + target + "\" in globals.yml (was " + current + ")",
                        List.of(), target.toString(), false),
                new UpgradeStep("prepare-2", StepKind.KOLLA_RUN, "kolla-ansible pull (the " + target + " images, on every host of the inventory)",
                        List.of(), "pull", false),
                run("prepare-3", "prechecks", List.of()));
        List<UpgradeStep> control = List.of(run("control-1", "upgrade", KOLLA_CONTROL), run("control-2", "upgrade", KOLLA_NETWORK));
        List<HostBatch> batches = batches(computes, batchSize, canary, (key, hosts) -> run(key, "upgrade", hosts));
        List<UpgradeStep> rollback = List.of(
                new UpgradeStep("rollback-1", StepKind.KOLLA_SET_RELEASE, "openstack_release: \"" + current + "\" in globals.yml again", List.of(),
                        current.toString(), false),
                run("rollback-2", "stop", KOLLA_CONTROL.subList(0, 1)));
        List<UpgradeStep> reconfigure = List.of(run("rollback-3", "reconfigure", List.of()));
        return new UpgradePlan(site, UpgradePlan.KOLLA, current.toString(), target.toString(), preparation, control, batches, List.of(), rollback,
                reconfigure, List.of(), drainReason(target, runReference), returnReason(target, runReference), Map.of());
    }

    static UpgradePlan charmed(String site, Release current, Release target, List<ComputeHost> computes, int batchSize, Optional<String> canary,
                               ModelStatus model, String runReference) {
        String channel = target + "/stable";
        Map<String, Application> apps = new TreeMap<>(model.applications());
        Set<String> computeMachines = apps.values().stream().filter(a -> a.charm().equals(NOVA_COMPUTE))
                .flatMap(a -> a.units().values().stream()).map(Unit::machine).collect(Collectors.toSet());
        List<String> notMoved = new ArrayList<>();
        List<Application> openstack = new ArrayList<>();
        for (Application app : apps.values()) {
            if (Release.ofChannel(app.channel()).isPresent()) {
                openstack.add(app);
            } else {
                notMoved.add(app.name() + " (" + (app.channel().isEmpty() ? "no channel" : app.channel()) + ")");
            }
        }
        List<Application> dataPlanePrincipals = openstack.stream().filter(a -> !a.subordinate())
                .filter(a -> DATA_PLANE_CHARMS.contains(a.charm()) || a.units().values().stream().anyMatch(u -> computeMachines.contains(u.machine())))
                .toList();
        Set<String> dataPlaneNames = dataPlanePrincipals.stream().map(Application::name).collect(Collectors.toSet());
        Comparator<Application> order = Comparator.comparingInt((Application a) -> rank(a.charm())).thenComparing(Application::name);
        List<Application> controlPrincipals = openstack.stream().filter(a -> !a.subordinate() && !dataPlaneNames.contains(a.name())).sorted(order).toList();
        List<Application> controlSubordinates = openstack.stream().filter(Application::subordinate)
                .filter(a -> a.subordinateTo().stream().noneMatch(dataPlaneNames::contains)).sorted(order).toList();
        List<UpgradeStep> control = new ArrayList<>();
        for (Application app : concat(controlSubordinates, controlPrincipals)) {
            control.add(application("control-" + (control.size() + 1), app, channel, false));
        }
        Optional<Application> nova = dataPlanePrincipals.stream().filter(a -> a.charm().equals(NOVA_COMPUTE)).findFirst();
        nova.ifPresent(app -> control.add(application("control-" + (control.size() + 1), app, channel, true)));
        Map<String, String> unitByHost = new LinkedHashMap<>();
        nova.ifPresent(app -> app.units().values().forEach(u -> model.machine(u.machine()).ifPresent(m -> unitByHost.put(m.hostname(), u.name()))));
        List<HostBatch> batches = batches(computes, batchSize, canary, (key, hosts) -> new UpgradeStep(key, StepKind.CHARM_UPGRADE_UNITS,
                "pause, openstack-upgrade, resume on " + String.join(", ", hosts.stream().map(h -> unitByHost.getOrDefault(h, "?" + h)).toList()),
                hosts.stream().map(h -> unitByHost.getOrDefault(h, "")).filter(u -> !u.isEmpty()).toList(), channel, true));
        List<UpgradeStep> finish = new ArrayList<>();
        List<Application> remaining = dataPlanePrincipals.stream().filter(a -> !a.charm().equals(NOVA_COMPUTE)).sorted(order).toList();
        List<Application> remainingSubordinates = openstack.stream().filter(Application::subordinate)
                .filter(a -> a.subordinateTo().stream().anyMatch(dataPlaneNames::contains)).sorted(order).toList();
        for (Application app : concat(remainingSubordinates, remaining)) {
            finish.add(application("finish-" + (finish.size() + 1), app, channel, false));
        }
        List<UpgradeStep> preparation = List.of(new UpgradeStep("prepare-1", StepKind.CHARM_MODEL_IDLE,
                "every unit of model " + model.model() + " active and idle", List.of(), "", false));
        return new UpgradePlan(site, UpgradePlan.CHARMED, current.toString(), target.toString(), preparation, control, batches, finish, List.of(),
                List.of(), notMoved, drainReason(target, runReference), returnReason(target, runReference), Map.of());
    }

    /** The canary alone first, then per availability zone (sorted) batches of at most {@code batchSize} hosts. */
    static List<HostBatch> batches(List<ComputeHost> computes, int batchSize, Optional<String> canary,
                                   java.util.function.BiFunction<String, List<String>, UpgradeStep> upgrade) {
        List<HostBatch> out = new ArrayList<>();
        canary.ifPresent(c -> {
            String zone = computes.stream().filter(h -> h.host().equals(c)).map(ComputeHost::zone).findFirst().orElse("");
            out.add(new HostBatch(1, zone, List.of(c), true, upgrade.apply("batch-1", List.of(c))));
        });
        Map<String, List<String>> byZone = new TreeMap<>();
        computes.stream().filter(h -> canary.map(c -> !c.equals(h.host())).orElse(true)).sorted(Comparator.comparing(ComputeHost::host))
                .forEach(h -> byZone.computeIfAbsent(h.zone(), z -> new ArrayList<>()).add(h.host()));
        byZone.forEach((zone, hosts) -> {
            for (int i = 0; i < hosts.size(); i += batchSize) {
                List<String> chunk = hosts.subList(i, Math.min(hosts.size(), i + batchSize));
                int number = out.size() + 1;
                out.add(new HostBatch(number, zone, chunk, false, upgrade.apply("batch-" + number, chunk)));
            }
        });
        return out;
    }

    private static UpgradeStep run(String key, String action, List<String> limit) {
        return new UpgradeStep(key, StepKind.KOLLA_RUN, "kolla-ansible " + action + (limit.isEmpty() ? "" : " --limit " + String.join(",", limit)),
                limit, action, false);
    }

    private static UpgradeStep application(String key, Application app, String channel, boolean unitByUnit) {
        return new UpgradeStep(key, StepKind.CHARM_UPGRADE_APPLICATION, (unitByUnit ? "juju config " + app.name() + " action-managed-upgrade=true; " : "")
                + "juju refresh " + app.name() + " --channel " + channel + " (from " + app.channel() + ")"
                + (app.subordinate() ? " [subordinate]" : ""), List.of(app.name()), channel, unitByUnit);
    }

    private static int rank(String charm) {
        int i = UPGRADE_ORDER.indexOf(charm);
        return i < 0 ? UPGRADE_ORDER.size() : i;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String drainReason(Release target, String runReference) {
        return "rolling upgrade to " + target + " (" + runReference + ")";
    }

    private static String returnReason(Release target, String runReference) {
        return "upgraded to " + target + " (" + runReference + ")";
    }
}
