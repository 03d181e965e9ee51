package io.dayshift.runbook.commission;

import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineStatus;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a run's input: first every name against its pattern (without calling anyone), then each machine in MAAS.
 * Every problem is listed, so the operator fixes the input once.
 */
final class InputCheck {

    /** The statuses MAAS commissions from that this runbook accepts (Broken machines are repaired first, on purpose). */
    static final Set<MachineStatus> COMMISSIONABLE = Set.of(MachineStatus.NEW, MachineStatus.READY, MachineStatus.FAILED_COMMISSIONING);

    record Result(MachineTargets targets, List<String> problems) {
        boolean accepted() {
            return problems.isEmpty();
        }
    }

    private final Sites sites;
    private final MachineProvisioner provisioner;

    InputCheck(Sites sites, MachineProvisioner provisioner) {
        this.sites = sites;
        this.provisioner = provisioner;
    }

    Result check(String siteName, String machines, String tags, String testingScripts) {
        List<String> problems = new ArrayList<>();
        Optional<Site> site = sites.find(siteName);
        if (site.isEmpty()) {
            problems.add("site: there is no site " + printable(siteName) + " (sites: " + String.join(", ", sites.all().stream().map(Site::name).toList()) + ")");
        } else if (site.get().maas() == null) {
            problems.add("site: " + siteName + " has no MAAS (dayshift.sites." + siteName + ".maas)");
        }
        List<String> names = CommissionInput.items(machines);
        if (names.isEmpty()) {
            problems.add("machines: name at least one machine (MAAS hostnames or system ids, separated by commas)");
        }
        names.stream().filter(n -> !CommissionInput.isMachineName(n))
                .forEach(n -> problems.add("machines: " + printable(n) + " is not a MAAS hostname or system id (letters, digits, '.' and '-', not starting with '-')"));
        duplicates(names).forEach(n -> problems.add("machines: " + printable(n) + " is named more than once"));
        List<String> tagNames = CommissionInput.items(tags);
        tagNames.stream().filter(t -> !CommissionInput.isTagName(t))
                .forEach(t -> problems.add("tags: " + printable(t) + " is not a MAAS tag name (letters, digits, '-' and '_')"));
        duplicates(tagNames).forEach(t -> problems.add("tags: " + printable(t) + " is named more than once"));
        try {
            CommissionInput.options(testingScripts);
        } catch (IllegalArgumentException e) {
            problems.add("testingScripts: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            return new Result(new MachineTargets(List.of()), problems); // nothing was asked of MAAS
        }
        return lookUp(site.get(), names);
    }

    private Result lookUp(Site site, List<String> names) {
        List<String> problems = new ArrayList<>();
        Map<String, String> namedAs = new LinkedHashMap<>();
        List<MachineTarget> targets = new ArrayList<>();
        for (String name : names) {
            Optional<Machine> found = provisioner.findMachine(site, name);
            if (found.isEmpty()) {
                problems.add("machines: MAAS of site " + site.name() + " knows no machine " + printable(name));
                continue;
            }
            Machine machine = found.get();
            if (namedAs.containsKey(machine.systemId())) {
                problems.add("machines: " + printable(namedAs.get(machine.systemId())) + " and " + printable(name) + " are the same machine, " + machine.display());
            } else if (!COMMISSIONABLE.contains(machine.status())) {
                problems.add("machines: " + machine.display() + " is " + machine.status().label() + ", not New, Ready or Failed commissioning");
            } else {
                targets.add(new MachineTarget(machine.systemId(), machine.hostname(), machine.status()));
            }
            namedAs.putIfAbsent(machine.systemId(), name);
        }
        return new Result(new MachineTargets(problems.isEmpty() ? targets : List.of()), problems);
    }

    private static List<String> duplicates(List<String> names) {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new java.util.LinkedHashSet<>();
        for (String name : names) {
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                twice.add(name);
            }
        }
        return List.copyOf(twice);
    }

    /** The value in quotes, cut and with control characters shown as '?', for messages. */
    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return "'" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }
}
