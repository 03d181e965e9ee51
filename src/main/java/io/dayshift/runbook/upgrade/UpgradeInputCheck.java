package io.dayshift.runbook.upgrade;

import io.dayshift.charm.Application;
import io.dayshift.charm.CharmModel;
import io.dayshift.charm.ModelStatus;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.runbook.InputProblems;
import io.dayshift.shell.Arg;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The input of {@code rolling-upgrade}, checked before anything changes, every problem listed: the site, the target
 * release and the release the site runs (the SLURP rule), the batch size, the window (ISO-8601 with an offset, not over,
 * end after start, at least the minimum length) and the canary (a compute host of the site). When all is well, the plan.
 */
final class UpgradeInputCheck {

    record Input(String site, String targetRelease, Long batchSize, String windowStart, String windowEnd, String canaryHost) {
    }

    record Result(List<String> problems, Optional<UpgradePlan> plan) {
        boolean accepted() {
            return problems.isEmpty();
        }
    }

    private final Sites sites;
    private final ComputeCloud compute;
    private final KollaDeployer kolla;
    private final CharmModel charms;
    private final RollingUpgrade settings;

    UpgradeInputCheck(Sites sites, ComputeCloud compute, KollaDeployer kolla, CharmModel charms, RollingUpgrade settings) {
        this.sites = sites;
        this.compute = compute;
        this.kolla = kolla;
        this.charms = charms;
        this.settings = settings;
    }

    Result check(Input in, Instant now, String runReference) {
        List<String> problems = new ArrayList<>();
        Optional<Site> site = sites.find(in.site());
        if (site.isEmpty()) {
            problems.add("site: there is no site " + InputProblems.printable(in.site()) + " (sites: " + String.join(", ", sites.all().stream().map(Site::name).sorted().toList()) + ")");
        }
        Optional<Release> target = Release.parse(in.targetRelease());
        if (target.isEmpty()) {
            problems.add("targetRelease: " + InputProblems.printable(in.targetRelease()) + " is not an OpenStack release such as 2024.1 (a year, a dot, 1 or 2)");
        }
        long batch = in.batchSize() == null ? 0 : in.batchSize();
        if (batch < 1 || batch > settings.maxBatchSize()) {
            problems.add("batchSize: the batch size must be 1 to " + settings.maxBatchSize() + " compute hosts, not " + in.batchSize());
        }
        Optional<OffsetDateTime> start = time("windowStart", in.windowStart(), problems);
        Optional<OffsetDateTime> end = time("windowEnd", in.windowEnd(), problems);
        if (start.isPresent() && end.isPresent()) {
            if (!end.get().isAfter(start.get())) {
                problems.add("windowEnd: the window must end after it starts (" + in.windowStart() + " to " + in.windowEnd() + ")");
            } else if (end.get().toInstant().isBefore(now.plus(settings.minimumWindow()))) {
                problems.add("windowEnd: the window ends at " + in.windowEnd() + ", less than " + hours(settings.minimumWindow()) + " from now: it is over or too short to start");
            } else if (Duration.between(start.get(), end.get()).compareTo(settings.minimumWindow()) < 0) {
                problems.add("windowStart, windowEnd: the window lasts " + Duration.between(start.get(), end.get()).toMinutes() + " minutes; at least "
                        + hours(settings.minimumWindow()) + " is needed for the control plane and one batch");
            }
        }
        String canary = in.canaryHost() == null ? "" : in.canaryHost().strip();
        if (!canary.isEmpty() && !Arg.HOSTNAME.accepts(canary)) {
            problems.add("canaryHost: the canary host " + InputProblems.printable(canary) + " is not a host name (letters, digits, '-' and '.', such as cn06)");
        }
        if (site.isEmpty() || target.isEmpty()) {
            return new Result(problems, Optional.empty());
        }
        List<ComputeService> services = compute.computeServices(site.get()).stream().filter(ComputeService::isCompute).toList();
        List<UpgradePlanner.ComputeHost> computes = services.stream().map(s -> new UpgradePlanner.ComputeHost(s.host(), s.zone())).toList();
        Map<String, String> disabled = new TreeMap<>();
        services.stream().filter(s -> !s.enabled()).forEach(s -> disabled.put(s.host(), s.disabledReason().orElse("(no reason given)")));
        if (!canary.isEmpty() && Arg.HOSTNAME.accepts(canary) && computes.stream().noneMatch(h -> h.host().equals(canary))) {
            problems.add("canaryHost: the canary host " + canary + " has no nova-compute service on site " + site.get().name());
        }
        Optional<ModelStatus> model = site.get().flavour() == Flavour.CHARMED ? Optional.of(charms.status(site.get())) : Optional.empty();
        Optional<Release> current = current(site.get(), model, problems);
        current.flatMap(c -> c.refusal(target.get())).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            return new Result(problems, Optional.empty());
        }
        Optional<String> canaryHost = canary.isEmpty() ? Optional.empty() : Optional.of(canary);
        UpgradePlan plan = model.isPresent()
                ? UpgradePlanner.charmed(site.get().name(), current.get(), target.get(), computes, (int) batch, canaryHost, model.get(), runReference)
                : UpgradePlanner.kolla(site.get().name(), current.get(), target.get(), computes, (int) batch, canaryHost, runReference);
        return new Result(problems, Optional.of(plan.withDisabledBefore(disabled)));
    }

    /** Kolla: {@code openstack_release} of globals.yml. Charmed: the release track shared by every OpenStack application. */
    private Optional<Release> current(Site site, Optional<ModelStatus> model, List<String> problems) {
        if (model.isEmpty()) {
            Optional<String> release = kolla.openstackRelease(site);
            Optional<Release> parsed = release.flatMap(Release::parse);
            if (parsed.isEmpty()) {
                problems.add("the site's globals.yml has " + release.map(r -> "openstack_release '" + r + "'").orElse("no openstack_release")
                        + ": the current release cannot be told");
            }
            return parsed;
        }
        TreeSet<String> tracks = new TreeSet<>();
        for (Application app : model.get().applications().values()) {
            Release.ofChannel(app.channel()).ifPresent(r -> tracks.add(r.toString()));
        }
        if (tracks.isEmpty()) {
            problems.add("no application of model " + model.get().model() + " tracks an OpenStack release channel: the current release cannot be told");
            return Optional.empty();
        }
        if (tracks.size() > 1) {
            problems.add("the applications track different releases (" + String.join(", ", tracks) + "): finish or roll back the upgrade in progress first");
            return Optional.empty();
        }
        return Release.parse(tracks.first());
    }

    private static Optional<OffsetDateTime> time(String name, String value, List<String> problems) {
        try {
            return Optional.of(OffsetDateTime.parse(value == null ? "" : value.strip()));
        } catch (DateTimeParseException e) {
            problems.add(name + ": " + InputProblems.printable(value) + " is not an ISO-8601 date-time with an offset, such as 2025-06-07T22:00:00+02:00");
            return Optional.empty();
        }
    }

    private static String hours(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
