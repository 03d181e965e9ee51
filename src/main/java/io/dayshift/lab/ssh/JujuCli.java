package io.dayshift.lab.ssh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.lab.model.ActionOutcome;
import io.dayshift.lab.model.Backup;
import io.dayshift.lab.model.JujuApplication;
import io.dayshift.lab.model.JujuMachine;
import io.dayshift.lab.model.JujuUnit;
import io.dayshift.lab.model.LabException;
import io.dayshift.lab.model.LabOperation;
import io.dayshift.lab.model.LabSite;
import io.dayshift.site.Flavour;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The juju CLI of a charmed lab site, as the adapter drives it: version, status, add-machine, add-unit, remove-unit,
 * refresh (and 2.9's upgrade-charm), config, actions (3.x {@code run}, 2.9 {@code run-action}), exec, debug-log, scp and create-backup.
 */
final class JujuCli {

    private static final Set<String> WITH_VALUE = Set.of("-m", "--model", "--constraints", "--to", "--channel", "--filename", "--format", "-n",
            "--num-units", "--revision", "--params", "-o", "--output", "-l", "--level", "--limit", "-i", "--include");

    private final ObjectMapper json = new ObjectMapper();
    private final JujuStatusJson status = new JujuStatusJson();

    /** Options ({@code --x=y} and {@code --x y}) and positional words. */
    record Parsed(Map<String, String> options, List<String> words) {
        String option(String... names) {
            for (String n : names) {
                if (options.containsKey(n)) {
                    return options.get(n);
                }
            }
            return null;
        }

        boolean flag(String name) {
            return options.containsKey(name);
        }
    }

    static Parsed parse(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-") && a.contains("=")) {
                options.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else if (WITH_VALUE.contains(a) && i + 1 < args.size()) {
                options.put(a, args.get(++i));
            } else if (a.startsWith("-")) {
                options.put(a, "");
            } else {
                words.add(a);
            }
        }
        return new Parsed(options, words);
    }

    ShellResult run(Session s, List<String> args) throws InterruptedException {
        LabSite site = s.site();
        if (site.flavour() != Flavour.CHARMED) {
            return ShellResult.fail(127, "sh: 1: juju: not found");
        }
        if (args.isEmpty()) {
            return ShellResult.fail(0, "Usage: juju [flags] <command> ...");
        }
        boolean juju3 = !site.juju().jujuVersion().startsWith("2.");
        String verb = args.get(0);
        Parsed p = parse(args.subList(1, args.size()));
        if (verb.equals("version")) {
            return ShellResult.ok(site.juju().jujuVersion() + (juju3 ? "-genericlinux-amd64" : "-ubuntu-amd64") + "\n");
        }
        String model = p.option("-m", "--model");
        if (verb.equals("create-backup")) {
            if (model == null || !modelName(model).equals("controller")) {
                return ShellResult.fail(1, "ERROR \"" + (model == null ? site.juju().jujuModel() : model) + "\" is not a controller model");
            }
            return createBackup(s, p, juju3);
        }
        if (model != null && !modelName(model).equals(site.juju().jujuModel())) {
            return ShellResult.fail(1, "ERROR model " + (juju3 ? "admin/" : "") + modelName(model) + " not found");
        }
        return switch (verb) {
            case "status" -> status(site, p);
            case "add-machine" -> addMachine(site, p);
            case "add-unit" -> addUnit(site, p);
            case "remove-unit" -> removeUnit(site, p);
            case "remove-machine" -> removeMachine(site, p);
            case "refresh" -> refresh(site, p);
            case "upgrade-charm" -> juju3 ? notACommand(verb) : refresh(site, p);
            case "config" -> config(site, p);
            case "run" -> juju3 ? action(s, p, true) : args.contains("--unit") ? exec(s, args.subList(1, args.size()), false)
                    : ShellResult.fail(2, "ERROR flag provided but not defined: --format (2.9's run executes commands; use run-action)");
            case "exec" -> juju3 ? exec(s, args.subList(1, args.size()), true) : notACommand(verb);
            case "run-action" -> juju3 ? notACommand(verb) : action(s, p, false);
            case "scp" -> scp(site, p);
            case "debug-log" -> debugLog(site, p);
            default -> notACommand(verb);
        };
    }

    private static ShellResult notACommand(String verb) {
        return ShellResult.fail(1, "ERROR juju: \"" + verb + "\" is not a juju command. See \"juju --help\".");
    }

    private static String modelName(String model) {
        String m = model.contains(":") ? model.substring(model.indexOf(':') + 1) : model;
        return m.contains("/") ? m.substring(m.lastIndexOf('/') + 1) : m;
    }

    private ShellResult status(LabSite site, Parsed p) {
        String format = p.option("--format");
        if ("json".equals(format)) {
            return ShellResult.ok(status.render(site));
        }
        StringBuilder out = new StringBuilder(String.format("%-10s %-15s %-14s %-8s%n", "Model", "Controller", "Cloud/Region", "Version"));
        out.append(String.format("%-10s %-15s %-14s %-8s%n%n", site.juju().jujuModel(), "lab-controller", "lab-maas/default", site.juju().jujuVersion()));
        out.append(String.format("%-28s %-10s %-14s %-5s%n", "App", "Version", "Channel", "Rev"));
        for (JujuApplication a : site.juju().applications()) {
            out.append(String.format("%-28s %-10s %-14s %-5d%n", a.name(), a.workloadVersion(), a.channel(), a.revision()));
        }
        out.append(String.format("%n%-28s %-12s %-10s %-10s %s%n", "Unit", "Workload", "Agent", "Machine", "Message"));
        for (JujuUnit u : site.juju().units()) {
            out.append(String.format("%-28s %-12s %-10s %-10s %s%n", (u.subordinate() ? "  " : "") + u.name() + (u.leader() ? "*" : ""),
                    u.workload().current(), u.agent().current(), u.machine(), u.workload().message()));
        }
        return ShellResult.ok(out.toString());
    }

    private ShellResult addMachine(LabSite site, Parsed p) {
        String constraints = p.option("--constraints");
        List<String> tags = new ArrayList<>();
        if (constraints != null) {
            for (String c : constraints.split("\\s+")) {
                if (c.startsWith("tags=")) {
                    tags.addAll(Arrays.asList(c.substring(5).split(",")));
                } else if (!c.isBlank()) {
                    return ShellResult.fail(1, "ERROR the lab understands only the tags constraint, not " + c);
                }
            }
        }
        if (p.words().size() > 1) {
            return ShellResult.fail(2, "ERROR unrecognized args: " + p.words().subList(1, p.words().size()));
        }
        JujuMachine m = p.words().isEmpty() ? site.juju().addJujuMachine(tags) : site.juju().addJujuMachineOn(p.words().get(0), tags);
        return new ShellResult(0, "", "created machine " + m.id() + "\n");
    }

    private ShellResult addUnit(LabSite site, Parsed p) {
        if (p.words().size() != 1) {
            return ShellResult.fail(2, "ERROR no application name specified");
        }
        String to = p.option("--to");
        if (to == null) {
            return ShellResult.fail(1, "ERROR the lab places units only with --to <machine> (there is no free machine pool)");
        }
        site.juju().addUnit(p.words().get(0), to);
        return ShellResult.ok("");
    }

    private ShellResult removeUnit(LabSite site, Parsed p) {
        StringBuilder err = new StringBuilder();
        for (String unit : p.words()) {
            if (!site.juju().removeUnit(unit)) {
                return ShellResult.fail(1, "ERROR unit \"" + unit + "\" does not exist");
            }
            err.append("will remove unit ").append(unit).append('\n');
        }
        return new ShellResult(0, "", err.toString());
    }

    /** {@code juju remove-machine <id>…} (add-compute-node's rollback): Juju releases the MAAS machine. */
    private ShellResult removeMachine(LabSite site, Parsed p) {
        if (p.words().isEmpty()) {
            return ShellResult.fail(2, "ERROR no machines specified");
        }
        StringBuilder err = new StringBuilder();
        for (String machine : p.words()) {
            try {
                if (!site.juju().removeJujuMachine(machine)) {
                    return ShellResult.fail(1, "ERROR machine " + machine + " not found");
                }
            } catch (LabException e) {
                return ShellResult.fail(1, "ERROR " + e.getMessage());
            }
            err.append("will remove machine ").append(machine).append('\n');
        }
        return new ShellResult(0, "", err.toString());
    }

    private ShellResult refresh(LabSite site, Parsed p) {
        if (p.words().size() != 1) {
            return ShellResult.fail(2, "ERROR expected an application name");
        }
        JujuApplication current = site.juju().application(p.words().get(0))
                .orElseThrow(() -> new LabException(LabException.Kind.NOT_FOUND, "ERROR application \"" + p.words().get(0) + "\" not found"));
        String channel = p.option("--channel");
        JujuApplication refreshed = site.juju().refresh(current.name(), channel == null ? current.channel() : channel);
        return ShellResult.ok("Added charm-hub charm \"" + refreshed.charm() + "\", revision " + refreshed.revision() + " in channel "
                + refreshed.channel() + ", to the model\n");
    }

    private ShellResult config(LabSite site, Parsed p) {
        if (p.words().isEmpty()) {
            return ShellResult.fail(2, "ERROR no application name specified");
        }
        String app = p.words().get(0);
        List<String> rest = p.words().subList(1, p.words().size());
        if (rest.isEmpty()) {
            StringBuilder out = new StringBuilder("application: " + app + "\nsettings:\n");
            site.juju().config(app).forEach((k, v) -> out.append("  ").append(k).append(":\n    value: ").append(v).append('\n'));
            return ShellResult.ok(out.toString());
        }
        if (rest.size() == 1 && !rest.get(0).contains("=")) {
            return ShellResult.ok(site.juju().config(app).getOrDefault(rest.get(0), "") + "\n");
        }
        for (String kv : rest) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                return ShellResult.fail(2, "ERROR expected \"key=value\", got \"" + kv + "\"");
            }
            site.juju().setConfig(app, kv.substring(0, eq), kv.substring(eq + 1));
        }
        return ShellResult.ok("");
    }

    /**
     * {@code juju exec --unit U 'systemctl restart S'} (or {@code -- systemctl restart S}; Juju 3) or {@code juju run --unit U
     * 'systemctl restart S'} (2.9): the lab's machines know only restarting a service (sev1-incident) and, on the
     * nova-cloud-controller's, {@code nova-manage cell_v2 discover_hosts --verbose} (add-compute-node, dr-restore).
     */
    private ShellResult exec(Session s, List<String> args, boolean juju3) {
        int unitAt = args.indexOf("--unit");
        if (unitAt < 0 || unitAt + 1 >= args.size()) {
            return ShellResult.fail(2, "ERROR you must specify a target, either through --all, --machine, --application or --unit");
        }
        String unit = args.get(unitAt + 1);
        List<String> command;
        int dashes = args.indexOf("--");
        if (dashes >= 0) {
            command = args.subList(dashes + 1, args.size());
        } else {
            List<String> rest = new ArrayList<>(args);
            rest.remove(unitAt + 1);
            rest.remove(unitAt);
            int model = rest.indexOf("-m") >= 0 ? rest.indexOf("-m") : rest.indexOf("--model");
            if (model >= 0 && model + 1 < rest.size()) {
                rest.remove(model + 1);
                rest.remove(model);
            }
            command = List.of();
            if (rest.size() == 1) {
                try {
                    List<List<String>> parsed = CommandLine.parse(rest.get(0)); // the command as juju exec hands it to the unit's shell
                    command = parsed.size() == 1 ? parsed.get(0) : List.of();
                } catch (CommandLine.UnsupportedSyntaxException e) {
                    command = List.of();
                }
            }
        }
        if (command.equals(List.of("nova-manage", "cell_v2", "discover_hosts", "--verbose"))) {
            try {
                return ShellResult.ok(s.site().juju().discoverHostsOn(unit));
            } catch (LabException e) {
                return ShellResult.fail(e.kind() == LabException.Kind.NOT_FOUND && e.getMessage().startsWith("bash") ? 127 : 1, e.getMessage());
            }
        }
        if (command.size() != 3 || !command.get(0).equals("systemctl") || !command.get(1).equals("restart")) {
            return ShellResult.fail(1, "the lab's machines only run 'systemctl restart <service>' and 'nova-manage cell_v2 discover_hosts --verbose'"
                    + " through juju " + (juju3 ? "exec" : "run"));
        }
        try {
            s.site().juju().restartUnitService(unit, command.get(2));
            return ShellResult.ok("");
        } catch (LabException e) { // systemctl exits 5 for a unit it does not know; juju passes the command's exit status on
            return ShellResult.fail(e.kind() == LabException.Kind.NOT_FOUND && e.getMessage().startsWith("Failed") ? 5 : 1, e.getMessage());
        }
    }

    private ShellResult action(Session s, Parsed p, boolean juju3) throws InterruptedException {
        if (p.words().size() < 2) {
            return ShellResult.fail(2, "ERROR no unit specified");
        }
        String unit = p.words().get(0);
        String action = p.words().get(1);
        Map<String, String> params = new LinkedHashMap<>();
        for (String kv : p.words().subList(2, p.words().size())) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                return ShellResult.fail(2, "ERROR argument \"" + kv + "\" must be of the form key...=value");
            }
            params.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        if (s.site().juju().unit(unit).isEmpty()) {
            return ShellResult.fail(1, "ERROR unit \"" + unit + "\" not found");
        }
        ActionOutcome outcome;
        try {
            outcome = s.site().juju().runAction(unit, action, params);
        } catch (LabException e) {
            return ShellResult.fail(1, "ERROR " + e.getMessage());
        }
        s.sleeper().sleep(s.site().perform(LabOperation.CHARM_ACTION, unit + " " + action));
        ObjectNode root = json.createObjectNode();
        ObjectNode task = root.putObject(juju3 ? unit : "unit-" + unit.replace('/', '-'));
        task.put("id", outcome.id());
        if (juju3) {
            task.putArray("log");
        }
        if (!outcome.message().isEmpty()) {
            task.put("message", outcome.message());
        }
        ObjectNode results = task.putObject("results");
        outcome.results().forEach(results::put);
        results.put("return-code", outcome.returnCode());
        if (!outcome.stdout().isEmpty()) {
            results.put("stdout", outcome.stdout());
        }
        if (!outcome.stderr().isEmpty()) {
            results.put("stderr", outcome.stderr());
        }
        task.put("status", outcome.status());
        String since = JujuStatusJson.sinceOf(s.site().now());
        task.putObject("timing").put("completed", since).put("enqueued", since).put("started", since);
        task.put("unit", unit);
        String out;
        try {
            out = json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (outcome.returnCode() != 0) {
            return new ShellResult(1, out, "ERROR the following task failed:\n id \"" + outcome.id() + "\" with return code " + outcome.returnCode()
                    + "\n\nuse 'juju show-task' to inspect the failure\n");
        }
        return new ShellResult(0, out, "");
    }

    /**
     * The daily health check: {@code juju debug-log --no-tail [--level L] [--limit N]}, the units' log lines at that level and
     * above. Without {@code --no-tail} the real command keeps following the log, so the lab refuses it.
     */
    private static ShellResult debugLog(LabSite site, Parsed p) {
        if (!p.flag("--no-tail")) {
            return ShellResult.fail(2, "ERROR the lab's debug-log does not follow the log: add --no-tail");
        }
        String level = p.option("-l", "--level");
        if (level != null && !List.of("TRACE", "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL").contains(level.toUpperCase())) {
            return ShellResult.fail(2, "ERROR level value \"" + level + "\" is not one of \"TRACE\", \"DEBUG\", \"INFO\", \"WARNING\", \"ERROR\"");
        }
        int limit;
        try {
            limit = p.option("--limit") == null ? 0 : Integer.parseInt(p.option("--limit"));
        } catch (NumberFormatException e) {
            return ShellResult.fail(2, "ERROR invalid value \"" + p.option("--limit") + "\" for option --limit: strconv.ParseUint: parsing: invalid syntax");
        }
        List<String> lines = site.juju().jujuDebugLog(level == null ? "INFO" : level, limit);
        return ShellResult.ok(lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }

    /** backup-site: {@code juju scp <unit>:<remote> <local>} copies a file off a unit's machine onto the Juju client host. */
    private static ShellResult scp(LabSite site, Parsed p) {
        if (p.words().size() == 2 && !p.words().get(0).contains(":") && p.words().get(1).contains(":")) { // dr-restore: back onto a unit
            String target = p.words().get(1);
            String unit = target.substring(0, target.indexOf(':'));
            if (site.juju().units().stream().noneMatch(u -> u.name().equals(unit))) {
                return ShellResult.fail(1, "ERROR unit \"" + unit + "\" not found");
            }
            if (site.kolla().file(p.words().get(0)).isEmpty()) {
                return ShellResult.fail(1, "ERROR " + p.words().get(0) + ": no such file or directory");
            }
            site.kolla().copyFile(p.words().get(0), target.substring(target.indexOf(':') + 1));
            return ShellResult.ok("");
        }
        if (p.words().size() != 2 || !p.words().get(0).contains(":")) {
            return ShellResult.fail(2, "ERROR the lab's juju scp copies <unit>:<remote path> to a local path");
        }
        String source = p.words().get(0);
        String unit = source.substring(0, source.indexOf(':'));
        String remote = source.substring(source.indexOf(':') + 1);
        if (site.juju().units().stream().noneMatch(u -> u.name().equals(unit))) {
            return ShellResult.fail(1, "ERROR unit \"" + unit + "\" not found");
        }
        if (site.kolla().file(remote).isEmpty()) {
            return ShellResult.fail(1, "scp: " + remote + ": No such file or directory\nERROR exit status 1");
        }
        site.kolla().copyFile(remote, p.words().get(1));
        return ShellResult.ok("");
    }

    private ShellResult createBackup(Session s, Parsed p, boolean juju3) throws InterruptedException {
        String file = p.option("--filename");
        if (file == null) {
            file = "juju-backup-" + JujuStatusJson.sinceOf(s.site().now()).replaceAll("[^0-9]", "") + ".tar.gz";
        }
        s.sleeper().sleep(s.site().perform(LabOperation.CONTROLLER_BACKUP, file));
        Backup b;
        try {
            b = s.site().juju().createControllerBackup(file);
        } catch (LabException e) {
            return ShellResult.fail(1, "ERROR " + e.getMessage());
        }
        return ShellResult.ok("backup format version: 1 \njuju version:          " + s.site().juju().jujuVersion() + " \nsize:                  " + b.sizeBytes()
                + " \nchecksum:              " + b.sha256() + " \n\nDownloaded to " + file + "\n");
    }
}
