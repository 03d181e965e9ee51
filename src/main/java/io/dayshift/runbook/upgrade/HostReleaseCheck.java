package io.dayshift.runbook.upgrade;

import io.dayshift.charm.Application;
import io.dayshift.charm.CharmModel;
import io.dayshift.charm.ModelStatus;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.kolla.HostContainers;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.NodeContainer;
import io.dayshift.site.Site;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Which release a compute host runs, and whether its nova-compute is up: kolla, the tag of the {@code nova_compute}
 * container's image ({@code …/nova-compute:2024.1-ubuntu-jammy}) and the container running; charmed, the channel of the
 * {@code nova-compute} application of the unit on that host, the unit active/idle. Nova's service must be up, and enabled
 * unless the host was disabled before the upgrade (then it stays disabled).
 */
@Component
class HostReleaseCheck {

    private static final Pattern TAG = Pattern.compile(":(20\\d\\d\\.[12])(?:-|$)");

    /** What was seen on one host. */
    record Seen(String host, String release, boolean running, boolean serviceUp, String detail) {
        boolean on(String wanted) {
            return running && serviceUp && release.equals(wanted);
        }
    }

    private final KollaDeployer kolla;
    private final CharmModel charms;
    private final ComputeCloud compute;

    HostReleaseCheck(KollaDeployer kolla, CharmModel charms, ComputeCloud compute) {
        this.kolla = kolla;
        this.charms = charms;
        this.compute = compute;
    }

    Seen look(Site site, UpgradePlan plan, String host) {
        Optional<ComputeService> service = compute.computeService(site, host);
        boolean up = service.map(s -> s.up() && (s.enabled() || plan.disabledBefore().containsKey(host))).orElse(false);
        String nova = service.map(s -> "nova-compute " + (s.enabled() ? "enabled" : "disabled") + ", " + (s.up() ? "up" : "down")).orElse("no nova-compute service");
        if (plan.kolla()) {
            HostContainers seen = kolla.containers(site, host).stream().filter(h -> h.host().equals(host)).findFirst()
                    .orElse(new HostContainers(host, Optional.of("not answered"), java.util.List.of()));
            Optional<NodeContainer> container = seen.containers().stream().filter(c -> c.name().equals("nova_compute")).findFirst();
            String release = container.map(c -> TAG.matcher(c.image())).filter(Matcher::find).map(m -> m.group(1)).orElse("unknown");
            boolean running = container.map(NodeContainer::running).orElse(false);
            String detail = container.map(c -> "nova_compute " + c.image() + " " + c.status()).orElse("no nova_compute container"
                    + seen.problem().map(p -> " (" + p + ")").orElse("")) + "; " + nova;
            return new Seen(host, release, running, up, detail);
        }
        ModelStatus model = charms.status(site);
        for (Application app : model.applications().values()) {
            if (!app.charm().equals(UpgradePlanner.NOVA_COMPUTE)) {
                continue;
            }
            for (var unit : app.units().values()) {
                if (model.machine(unit.machine()).map(m -> m.hostname().equals(host)).orElse(false)) {
                    String release = Release.ofChannel(app.channel()).map(Release::toString).orElse("unknown");
                    boolean upgraded = !unit.workload().message().startsWith("Paused");
                    return new Seen(host, release, unit.activeAndIdle() && upgraded, up, unit.name() + " " + unit.workload().describe() + "/"
                            + unit.agent().current() + ", " + app.name() + " on " + app.channel() + " version " + app.workloadVersion() + "; " + nova);
                }
            }
        }
        return new Seen(host, "unknown", false, up, "no nova-compute unit on " + host + "; " + nova);
    }
}
