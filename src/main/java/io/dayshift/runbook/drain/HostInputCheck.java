package io.dayshift.runbook.drain;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.runbook.InputProblems;
import io.dayshift.shell.Arg;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import java.util.Optional;

/**
 * The input of {@code drain-compute-node} and {@code return-compute-node}: the site exists, the host is a host name
 * ({@link Arg#HOSTNAME}) and a nova-compute host of the site, the reason is one line of at most 255 characters (Nova's
 * limit for a disabled reason). The names are checked before the site is asked; every problem is listed.
 */
final class HostInputCheck {

    static final int MAX_REASON = 255;
    /** What a refused run's summary starts with. */
    static final String REFUSED = "Input rejected, nothing was changed";

    record Result(Optional<Site> site, Optional<ComputeService> service, InputProblems problems) {
        boolean accepted() {
            return problems.none();
        }
    }

    private final Sites sites;
    private final ComputeCloud compute;

    HostInputCheck(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    Result check(String siteName, String host, String reason) {
        InputProblems problems = new InputProblems();
        Optional<Site> site = problems.site(sites, siteName);
        boolean hostName = Arg.HOSTNAME.accepts(host);
        if (!hostName) {
            problems.add("host " + refused(host));
        }
        problems.oneLine("reason", reason, MAX_REASON, "a reason (it becomes the compute service's disabled reason)");
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
}
