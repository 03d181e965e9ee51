package io.dayshift.runbook.addcompute;

import io.dayshift.charm.CharmModel;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineStatus;
import io.dayshift.shell.Arg;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks the run's input before anything is done: the names against their patterns first (without calling anyone),
 * then the site's MAAS, Nova and (charmed) Juju model. Every problem is listed, so the operator fixes the input once.
 */
final class AdditionInputCheck {

    /** What the run acts on, once accepted. */
    record Target(Site site, Machine machine, String zone) {
    }

    record Result(Optional<Target> target, List<String> problems) {
        boolean accepted() {
            return problems.isEmpty();
        }
    }

    private final Sites sites;
    private final MachineProvisioner provisioner;
    private final ComputeCloud compute;
    private final CharmModel charms;
    private final String computeTag;

    AdditionInputCheck(Sites sites, MachineProvisioner provisioner, ComputeCloud compute, CharmModel charms, String computeTag) {
        this.sites = sites;
        this.provisioner = provisioner;
        this.compute = compute;
        this.charms = charms;
        this.computeTag = computeTag;
    }

    Result check(String siteName, String machineName, String availabilityZone) {
        List<String> problems = new ArrayList<>();
        Optional<Site> site = siteName == null ? Optional.empty() : sites.find(siteName);
        if (site.isEmpty()) {
            problems.add("there is no site " + printable(siteName) + " (sites: " + String.join(", ", sites.all().stream().map(Site::name).toList()) + ")");
        } else if (site.get().maas() == null) {
            problems.add("site " + siteName + " has no MAAS (dayshift.sites." + siteName + ".maas)");
        }
        if (!Arg.HOSTNAME.accepts(machineName)) {
            problems.add(printable(machineName) + " is not a MAAS hostname (" + Arg.HOSTNAME.description() + ")");
        }
        String zone = availabilityZone == null ? "" : availabilityZone.strip();
        if (!zone.isEmpty() && !Arg.MAAS_NAME.accepts(zone)) {
            problems.add(printable(availabilityZone) + " is not an availability zone name (letters, digits, '-' and '_')");
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems); // nothing was asked of the site
        }
        return lookUp(site.get(), machineName, zone);
    }

    private Result lookUp(Site site, String machineName, String zone) {
        List<String> problems = new ArrayList<>();
        Optional<Machine> found = provisioner.findMachine(site, machineName);
        if (found.isEmpty()) {
            return new Result(Optional.empty(), List.of("MAAS of site " + site.name() + " knows no machine " + printable(machineName)));
        }
        Machine machine = found.get();
        if (!machine.hostname().equals(machineName)) {
            problems.add("name the machine by its MAAS hostname " + machine.hostname() + ", not " + printable(machineName));
        }
        if (machine.status() != MachineStatus.READY) {
            problems.add(machine.display() + " is " + machine.status().label() + ", not Ready (commission it first)");
        }
        if (!machine.hasTag(computeTag)) {
            problems.add(machine.display() + " does not carry the MAAS tag " + computeTag + " (its tags: " + machine.tags() + ")");
        }
        List<ComputeService> services = compute.computeServices(site).stream().filter(ComputeService::isCompute).toList();
        if (services.stream().anyMatch(s -> s.host().equals(machine.hostname()))) {
            problems.add(machine.hostname() + " is already a nova-compute host of site " + site.name());
        }
        TreeSet<String> zones = new TreeSet<>(services.stream().map(ComputeService::zone).toList());
        String target = zone.isEmpty() ? machine.zone() : zone;
        if (!zone.isEmpty() && !zones.contains(zone)) {
            problems.add("site " + site.name() + " has no availability zone " + zone + " (its zones: " + String.join(", ", zones) + ")");
        } else if (!zone.isEmpty() && !zone.equals(machine.zone())) {
            problems.add(machine.display() + " is in MAAS zone " + machine.zone() + ", not " + zone
                    + ": a new host joins the availability zone of its MAAS zone; pick a machine in " + zone);
        }
        if (site.flavour() == Flavour.CHARMED && charms.status(site).application(AddComputeNodeSettings.COMPUTE_APPLICATION).isEmpty()) {
            problems.add("the Juju model of site " + site.name() + " has no application " + AddComputeNodeSettings.COMPUTE_APPLICATION);
        }
        return new Result(problems.isEmpty() ? Optional.of(new Target(site, machine, target)) : Optional.empty(), problems);
    }

    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return "'" + cut.replaceAll("[^\\x20-\\x7e…]", "?") + "'";
    }
}
