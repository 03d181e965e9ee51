package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.InputProblems.printable;

import io.dayshift.charm.CharmModel;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineStatus;
import io.dayshift.runbook.InputProblems;
import io.dayshift.shell.Arg;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
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

    record Result(Optional<Target> target, InputProblems problems) {
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
        InputProblems problems = new InputProblems();
        Optional<Site> site = problems.site(sites, siteName);
        if (site.isPresent() && site.get().maas() == null) {
            problems.add("site: " + site.get().name() + " has no MAAS (dayshift.sites." + site.get().name() + ".maas)");
        }
        if (!Arg.HOSTNAME.accepts(machineName)) {
            problems.add("machine: " + printable(machineName) + " is not a MAAS hostname (" + Arg.HOSTNAME.description() + ")");
        }
        String zone = availabilityZone == null ? "" : availabilityZone.strip();
        if (!zone.isEmpty() && !Arg.MAAS_NAME.accepts(zone)) {
            problems.add("availabilityZone: " + printable(availabilityZone) + " is not an availability zone name (letters, digits, '-' and '_')");
        }
        if (!problems.none()) {
            return new Result(Optional.empty(), problems); // nothing was asked of the site
        }
        return lookUp(site.get(), machineName, zone, problems);
    }

    private Result lookUp(Site site, String machineName, String zone, InputProblems problems) {
        Optional<Machine> found = provisioner.findMachine(site, machineName);
        if (found.isEmpty()) {
            problems.add("machine: MAAS of site " + site.name() + " knows no machine " + printable(machineName));
            return new Result(Optional.empty(), problems);
        }
        Machine machine = found.get();
        if (!machine.hostname().equals(machineName)) {
            problems.add("machine: name the machine by its MAAS hostname " + machine.hostname() + ", not " + printable(machineName));
        }
        if (machine.status() != MachineStatus.READY) {
            problems.add("machine: " + machine.display() + " is " + machine.status().label() + ", not Ready (commission it first)");
        }
        if (!machine.hasTag(computeTag)) {
            problems.add("machine: " + machine.display() + " does not carry the MAAS tag " + computeTag + " (its tags: " + machine.tags() + ")");
        }
        List<ComputeService> services = compute.computeServices(site).stream().filter(ComputeService::isCompute).toList();
        if (services.stream().anyMatch(s -> s.host().equals(machine.hostname()))) {
            problems.add("machine: " + machine.hostname() + " is already a nova-compute host of site " + site.name());
        }
        TreeSet<String> zones = new TreeSet<>(services.stream().map(ComputeService::zone).toList());
        String target = zone.isEmpty() ? machine.zone() : zone;
        if (!zone.isEmpty() && !zones.contains(zone)) {
            problems.add("availabilityZone: site " + site.name() + " has no availability zone " + zone + " (its zones: " + String.join(", ", zones) + ")");
        } else if (!zone.isEmpty() && !zone.equals(machine.zone())) {
            problems.add("availabilityZone: " + machine.display() + " is in MAAS zone " + machine.zone() + ", not " + zone
                    + ": a new host joins the availability zone of its MAAS zone; pick a machine in " + zone);
        }
        if (site.flavour() == Flavour.CHARMED && charms.status(site).application(AddComputeNode.COMPUTE_APPLICATION).isEmpty()) {
            problems.add("site: the Juju model of site " + site.name() + " has no application " + AddComputeNode.COMPUTE_APPLICATION);
        }
        return new Result(problems.none() ? Optional.of(new Target(site, machine, target)) : Optional.empty(), problems);
    }
}
