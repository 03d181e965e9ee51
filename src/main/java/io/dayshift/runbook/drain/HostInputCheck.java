package io.dayshift.runbook.drain;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.shell.Arg;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The input of {@code drain-compute-node} and {@code return-compute-node}: the site exists, the host is a host name
 * ({@link Arg#HOSTNAME}) and a nova-compute host of the site, the reason is one line of at most 255 characters (Nova's
 * limit for a disabled reason). The names are checked before the site is asked; every problem is listed.
 */
final class HostInputCheck {

    static final int MAX_REASON = 255;

    record Result(Optional<Site> site, Optional<ComputeService> service, List<String> problems) {
        boolean accepted() {
            return problems.isEmpty();
        }
    }

    private final Sites sites;
    private final ComputeCloud compute;

    HostInputCheck(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    Result check(String siteName, String host, String reason) {
        List<String> problems = new ArrayList<>();
        Optional<Site> site = sites.find(siteName);
        if (site.isEmpty()) {
            problems.add("there is no site '" + clip(siteName) + "' (sites: " + String.join(", ", sites.all().stream().map(Site::name).toList()) + ")");
        }
        boolean hostName = Arg.HOSTNAME.accepts(host);
        if (!hostName) {
            problems.add("host " + refused(host));
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            problems.add("give a reason (it becomes the compute service's disabled reason)");
        } else if (why.length() > MAX_REASON) {
            problems.add("the reason has " + why.length() + " characters; Nova keeps at most " + MAX_REASON);
        } else if (why.chars().anyMatch(Character::isISOControl)) {
            problems.add("the reason must be one line without control characters");
        }
        Optional<ComputeService> service = Optional.empty();
        if (site.isPresent() && hostName) {
            List<ComputeService> computes = compute.computeServices(site.get()).stream().filter(ComputeService::isCompute).toList();
            service = computes.stream().filter(s -> s.host().equals(host)).findFirst();
            if (service.isEmpty()) {
                problems.add("host " + host + " has no nova-compute service on site " + site.get().name() + " (compute hosts: "
                        + String.join(", ", computes.stream().map(ComputeService::host).sorted().toList()) + ")");
            }
        }
        return new Result(site, service, problems);
    }

    private static String refused(String host) {
        try {
            Arg.HOSTNAME.check(host);
            return "'" + host + "'";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String clip(String value) {
        String v = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
        return v.length() > 80 ? v.substring(0, 80) + "…" : v;
    }
}
