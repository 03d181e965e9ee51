package io.dayshift.adapter.juju;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.charm.ActionFailedException;
import io.dayshift.charm.ActionResult;
import io.dayshift.evidence.Call;
import io.dayshift.evidence.Journal;
import io.dayshift.charm.Application;
import io.dayshift.charm.CellDiscovery;
import io.dayshift.charm.CharmModel;
import io.dayshift.charm.CharmModelException;
import io.dayshift.charm.CharmRestarts;
import io.dayshift.charm.ControllerBackup;
import io.dayshift.charm.Machine;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.NewUnit;
import io.dayshift.charm.Readiness;
import io.dayshift.charm.ServiceRestart;
import io.dayshift.charm.Unit;
import io.dayshift.charm.UnitCheck;
import io.dayshift.charm.UnitRestart;
import io.dayshift.shell.Arg;
import io.dayshift.shell.CommandResult;
import io.dayshift.shell.RemoteCommandException;
import io.dayshift.shell.RemoteShell;
import io.dayshift.shell.ShellCommand;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.site.SshEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@link CharmModel} over the juju CLI on the site's Juju host, speaking Juju 2.9 and 3.x (detected with
 * {@code juju version}, cached per site).
 *
 * <p>Adding a unit on a tagged MAAS machine: {@code juju add-unit} has no {@code --constraints}, and {@code --to}
 * bypasses application constraints. We use {@code juju add-machine --constraints tags=<tag>} then
 * {@code juju add-unit <app> --to <machine>} rather than {@code juju set-constraints}: the constraint stays scoped to
 * this one machine (application constraints would persist, change every later unit, and need merging with what an
 * operator set), the machine id is known at once, and an empty tagged machine left by an interrupted attempt can be
 * reused on retry.
 */
final class JujuCharmModel implements CharmModel {

    private static final String CLOUD_CONTROLLER = "nova-cloud-controller";
    private static final Pattern CREATED_MACHINE = Pattern.compile("created machine (\\d+)");
    private static final Pattern LEADING_VERSION = Pattern.compile("^\\s*(\\d+)\\.(\\d+)");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|secret|token|key).*");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int TAIL = 2000;

    private record CachedVersion(int major, Instant until) {
    }

    private final RemoteShell shell;
    private final JujuProperties properties;
    private final Secrets secrets;
    private final Clock clock;
    private final JujuStatusParser statusParser;
    private final JujuActionParser actionParser;
    private final Journal journal;
    private final Map<String, CachedVersion> versions = new ConcurrentHashMap<>();

    JujuCharmModel(RemoteShell shell, JujuProperties properties, Secrets secrets, ObjectMapper json, Clock clock, Journal journal) {
        this.journal = journal;
        this.shell = shell;
        this.properties = properties;
        this.secrets = secrets;
        this.clock = clock;
        this.statusParser = new JujuStatusParser(json);
        this.actionParser = new JujuActionParser(json);
    }

    @Override
    public ModelStatus status(Site site) {
        CommandResult result = runOk(site, "juju status", inModel(site, "status").flag("--format=json"), properties.statusTimeout());
        try {
            return statusParser.parse(result.stdout());
        } catch (IllegalArgumentException e) {
            throw new CharmModelException(where(site) + ": cannot read juju status of model " + model(site) + ": "
                    + secrets.redact(e.getMessage()));
        }
    }

    @Override
    public NewUnit addUnit(Site site, String application, String maasTag) {
        Arg.APPLICATION.check(application);
        Arg.MAAS_NAME.check(maasTag);
        String operation = "add a unit of " + application + " on a machine tagged " + maasTag;
        ModelStatus before = status(site);
        principal(site, before, application, operation);
        Optional<Machine> reusable = emptyMachinesTagged(before, maasTag)
                .min(Comparator.comparingInt(m -> Integer.parseInt(m.id())));
        return placeUnit(site, application, operation, reusable,
                inModel(site, "add-machine").flag("--constraints").arg(Arg.KEY_VALUE, "tags=" + maasTag));
    }

    @Override
    public NewUnit addUnitOnMachine(Site site, String application, String maasHostname, String maasTag) {
        Arg.APPLICATION.check(application);
        Arg.HOSTNAME.check(maasHostname);
        Arg.MAAS_NAME.check(maasTag);
        String operation = "add a unit of " + application + " on MAAS machine " + maasHostname;
        ModelStatus before = status(site);
        Application app = principal(site, before, application, operation);
        Optional<Unit> there = app.units().values().stream()
                .filter(u -> before.machine(u.machine()).map(m -> onMaasMachine(m, maasHostname)).orElse(false))
                .findFirst();
        if (there.isPresent()) {
            return new NewUnit(there.get().name(), there.get().machine());
        }
        Optional<Machine> reusable = emptyMachinesTagged(before, maasTag)
                .filter(m -> onMaasMachine(m, maasHostname) || m.hostname().isEmpty() && m.instanceId().isEmpty())
                .min(Comparator.comparingInt(m -> Integer.parseInt(m.id())));
        return placeUnit(site, application, operation, reusable,
                inModel(site, "add-machine").arg(Arg.HOSTNAME, maasHostname).flag("--constraints").arg(Arg.KEY_VALUE, "tags=" + maasTag));
    }

    /** The application a unit is to be added to: it must be in the model and not be a subordinate. */
    private Application principal(Site site, ModelStatus before, String application, String operation) {
        Application app = before.application(application).orElseThrow(() -> new CharmModelException(
                where(site) + ": cannot " + operation + ": application " + application + " is not in model " + model(site)));
        if (app.subordinate()) {
            throw new CharmModelException(where(site) + ": cannot " + operation + ": " + application
                    + " is a subordinate application; its units follow its principals " + app.subordinateTo());
        }
        return app;
    }

    /** Top-level machines carrying {@code maasTag} whose provisioning did not fail and that host no unit. */
    private static Stream<Machine> emptyMachinesTagged(ModelStatus before, String maasTag) {
        return before.machines().values().stream()
                .filter(m -> !m.id().contains("/") && hasTag(m.constraints(), maasTag) && !m.provisioningFailed())
                .filter(m -> before.unitsOn(m.id()).isEmpty());
    }

    /**
     * Puts a new unit of {@code application} on the reusable machine, or on the machine {@code addMachine} creates, and
     * finds it in the model (add-unit itself takes no constraints: the machine carries them).
     */
    private NewUnit placeUnit(Site site, String application, String operation, Optional<Machine> reusable, ShellCommand addMachine) {
        String machine;
        if (reusable.isPresent()) {
            machine = reusable.get().id();
        } else {
            CommandResult added = runOk(site, "juju add-machine (" + operation + ")", addMachine, properties.commandTimeout());
            Matcher created = CREATED_MACHINE.matcher(added.stderr() + "\n" + added.stdout());
            if (!created.find()) {
                throw new CharmModelException(where(site) + ": cannot " + operation + ": juju add-machine did not say which machine it created: "
                        + tail(added.stderr() + added.stdout()));
            }
            machine = created.group(1);
        }
        runOk(site, "juju add-unit (" + operation + ")",
                inModel(site, "add-unit").arg(Arg.APPLICATION, application).flag("--to").arg(Arg.MACHINE, machine), properties.commandTimeout());
        Unit unit = status(site).application(application).flatMap(a -> a.units().values().stream()
                        .filter(u -> u.machine().equals(machine)).max(Comparator.comparingInt(JujuCharmModel::unitNumber)))
                .orElseThrow(() -> new CharmModelException(where(site) + ": " + operation + ": juju add-unit succeeded but model "
                        + model(site) + " shows no unit of " + application + " on machine " + machine));
        return new NewUnit(unit.name(), machine);
    }

    @Override
    public boolean removeMachine(Site site, String machine) {
        Arg.MACHINE.check(machine);
        ModelStatus status = status(site);
        if (status.machine(machine).isEmpty()) {
            return false;
        }
        List<Unit> units = status.unitsOn(machine);
        if (!units.isEmpty()) {
            throw new CharmModelException(where(site) + ": cannot remove machine " + machine + ": units still run on it: "
                    + units.stream().map(Unit::name).sorted().toList());
        }
        ShellCommand command = inModel(site, "remove-machine").arg(Arg.MACHINE, machine);
        if (major(site) >= 3) {
            command = command.flag("--no-prompt");
        }
        runOk(site, "juju remove-machine " + machine, command, properties.commandTimeout());
        return true;
    }

    /** The model's machine is this MAAS machine: its hostname, short or fully qualified. */
    private static boolean onMaasMachine(Machine machine, String maasHostname) {
        return machine.hostname().equals(maasHostname) || machine.hostname().startsWith(maasHostname + ".");
    }

    @Override
    public UnitCheck checkUnit(Site site, String unitName) {
        Arg.UNIT.check(unitName);
        ModelStatus status = status(site);
        Optional<Unit> found = status.unit(unitName);
        if (found.isEmpty()) {
            return new UnitCheck(unitName, "", Readiness.FAILED, "unit " + unitName + " does not exist in model " + model(site), List.of(unitName));
        }
        Unit unit = found.get();
        Optional<Machine> machine = status.machine(unit.machine());
        if (machine.isPresent() && machine.get().provisioningFailed()) {
            Machine m = machine.get();
            return new UnitCheck(unitName, m.id(), Readiness.FAILED, "unit " + unitName + ": machine " + m.id() + " could not be provisioned: "
                    + secrets.redact(m.machineStatus().describe() + ", agent " + m.jujuStatus().describe()), List.of(unitName));
        }
        List<Unit> all = new ArrayList<>();
        all.add(unit);
        all.addAll(unit.subordinates().values());
        for (Unit u : all) {
            if (u.workload().is("error") || u.agent().is("error") || u.agent().is("failed")) {
                String which = u == unit ? "unit " + unitName : "unit " + unitName + ": subordinate " + u.name();
                return new UnitCheck(unitName, unit.machine(), Readiness.FAILED, which + " is in error: workload "
                        + secrets.redact(u.workload().describe()) + ", agent " + secrets.redact(u.agent().describe()), List.of(u.name()));
            }
        }
        List<String> pending = new ArrayList<>();
        if (machine.isEmpty() || !machine.get().started()) {
            pending.add("machine " + (unit.machine().isEmpty() ? "(not yet assigned)" : unit.machine() + " "
                    + machine.map(m -> m.jujuStatus().describe() + ", " + m.machineStatus().describe()).orElse("not yet listed")));
        }
        for (Unit u : all) {
            if (!u.activeAndIdle()) {
                pending.add(u.name() + " workload " + u.workload().describe() + ", agent " + u.agent().describe());
            }
        }
        String principalApp = unit.application();
        status.applications().values().stream()
                .filter(a -> a.subordinateTo().contains(principalApp))
                .filter(a -> unit.subordinates().keySet().stream().noneMatch(s -> s.startsWith(a.name() + "/")))
                .forEach(a -> pending.add("subordinate " + a.name() + " has no unit on " + unitName + " yet"));
        if (pending.isEmpty()) {
            return new UnitCheck(unitName, unit.machine(), Readiness.READY, "unit " + unitName + " and its subordinates "
                    + unit.subordinates().keySet() + " are active and idle on machine " + unit.machine(), List.of());
        }
        List<String> shown = pending.stream().map(secrets::redact).toList();
        return new UnitCheck(unitName, unit.machine(), Readiness.WAITING, "unit " + unitName + " not ready yet: " + String.join("; ", shown), shown);
    }

    @Override
    public boolean refresh(Site site, String application, String channel) {
        Arg.APPLICATION.check(application);
        Arg.CHANNEL.check(channel);
        Application app = status(site).application(application).orElseThrow(() -> new CharmModelException(
                where(site) + ": cannot refresh " + application + " to " + channel + ": no such application in model " + model(site)));
        if (app.channel().equals(channel) && app.upgradeAvailable().isEmpty()) {
            return false;
        }
        String verb = major(site) >= 3 ? "refresh" : "upgrade-charm";
        runOk(site, "juju " + verb + " " + application + " to " + channel,
                inModel(site, verb).arg(Arg.APPLICATION, application).flag("--channel").arg(Arg.CHANNEL, channel), properties.commandTimeout());
        return true;
    }

    @Override
    public void setConfig(Site site, String application, String key, String value) {
        String setting = key + "=" + value;
        runOk(site, "juju config " + application + " " + key,
                inModel(site, "config").arg(Arg.APPLICATION, application).arg(Arg.KEY_VALUE, setting), properties.commandTimeout());
    }

    @Override
    public ActionResult runAction(Site site, String unit, String action, Map<String, String> parameters) {
        Arg.UNIT.check(unit);
        Arg.WORD.check(action);
        boolean juju3 = major(site) >= 3;
        ShellCommand command = inModel(site, juju3 ? "run" : "run-action").arg(Arg.UNIT, unit).arg(Arg.WORD, action);
        for (Map.Entry<String, String> p : new TreeMap<>(parameters).entrySet()) {
            command = command.arg(Arg.KEY_VALUE, p.getKey() + "=" + p.getValue());
        }
        long waitSeconds = Math.max(1, properties.actionTimeout().toSeconds());
        command = command.flag("--format=json").flag("--wait=" + waitSeconds + "s");
        String operation = "action " + action + " on unit " + unit;
        CommandResult result = run(site, operation, command, properties.actionTimeout().plusMinutes(1));
        Optional<JujuActionParser.Task> parsed = actionParser.parse(result.stdout(), unit);
        String sent = action + new TreeMap<>(parameters).entrySet().stream().map(p -> " " + p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining());
        if (parsed.isEmpty()) {
            journal.record(new Call(Call.JUJU, unit, sent, "did not run (juju exit " + result.exitStatus() + ")",
                    tail(result.stderr().isBlank() ? result.stdout() : result.stderr())));
            throw new CharmModelException(where(site) + ": " + operation + " did not run (juju exit " + result.exitStatus() + "): "
                    + tail(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        }
        JujuActionParser.Task task = parsed.get();
        task.results().forEach((k, v) -> {
            if (SECRET_KEY.matcher(k).matches()) {
                secrets.remember(v);
            }
        });
        journal.record(new Call(Call.JUJU, unit, sent, task.status() + (task.returnCode() > 0 ? " (return code " + task.returnCode() + ")" : "")
                + " (task " + task.id() + ")", tail(!task.message().isBlank() ? task.message() : !task.stderr().isBlank() ? task.stderr() : task.stdout())));
        if (!task.succeeded()) {
            String why = !task.message().isBlank() ? task.message() : !task.stderr().isBlank() ? task.stderr() : result.stderr();
            throw new ActionFailedException(where(site) + ": " + operation + " " + task.status()
                    + (task.returnCode() > 0 ? " (return code " + task.returnCode() + ")" : "") + ": " + tail(why), unit, action, task.status());
        }
        if (!result.succeeded()) {
            throw new CharmModelException(where(site) + ": " + operation + " completed but juju exited " + result.exitStatus() + ": " + tail(result.stderr()));
        }
        return new ActionResult(unit, action, task.id(), task.status(), task.results(), Math.max(0, task.returnCode()), task.stdout(), task.stderr(),
                task.message());
    }

    @Override
    public UnitRestart restartUnitServices(Site site, String unitName) {
        Arg.UNIT.check(unitName);
        String operation = "restart the services of unit " + unitName;
        ModelStatus status = status(site);
        Unit unit = status.unit(unitName).orElseThrow(() -> new CharmModelException(
                where(site) + ": cannot " + operation + ": no such unit in model " + model(site)));
        String charm = status.charmOf(unitName).orElse("");
        ServiceRestart how = CharmRestarts.of(charm).orElseThrow(() -> new CharmModelException(where(site) + ": cannot " + operation
                + ": Dayshift does not know how charm " + charm + " restarts its services; restart them by hand"));
        if (!status.canRunCommands(unit)) {
            throw new CharmModelException(where(site) + ": cannot " + operation + ": its agent is " + unit.agent().describe() + " on machine "
                    + unit.machine() + " " + status.machine(unit.machine()).map(m -> m.jujuStatus().describe()).orElse("(not listed)"));
        }
        String action = major(site) >= 3 ? "juju run " + unitName + " " : "juju run-action " + unitName + " ";
        List<String> commands = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        switch (how.way()) {
            case RESTART_SERVICES_ACTION -> {
                String services = String.join(" ", how.services());
                ActionResult result = runAction(site, unitName, "restart-services", Map.of("deferred-only", "false", "services", services));
                commands.add(action + "restart-services deferred-only=false services=" + services);
                output.append(result.stdout()).append(result.message());
            }
            case PAUSE_RESUME -> {
                if (!(unit.workload().is("maintenance") && unit.workload().message().startsWith("Paused"))) {
                    commands.add(action + "pause");
                    output.append(pause(site, unitName).message());
                }
                commands.add(action + "resume");
                output.append(resume(site, unitName).message());
            }
            case SYSTEMD -> {
                for (String service : how.services()) {
                    ShellCommand restart = ShellCommand.of("systemctl").flag("restart").arg(Arg.SERVICE, service);
                    ShellCommand command = inModel(site, major(site) >= 3 ? "exec" : "run").flag("--unit").arg(Arg.UNIT, unitName).commandArg(restart);
                    commands.add("juju " + (major(site) >= 3 ? "exec" : "run") + " --unit " + unitName + " 'systemctl restart " + service + "'");
                    output.append(runOk(site, "restart " + service + " on unit " + unitName, command, properties.commandTimeout()).stdout());
                }
            }
        }
        return new UnitRestart(unitName, how, String.join("; ", commands), tail(output.toString()));
    }

    @Override
    public CellDiscovery discoverComputeHosts(Site site) {
        ModelStatus status = status(site);
        Unit leader = status.application(CLOUD_CONTROLLER).flatMap(Application::leader)
                .orElseThrow(() -> new CharmModelException(where(site) + ": no leader unit of " + CLOUD_CONTROLLER + " to map the compute hosts to their cell"));
        if (!status.canRunCommands(leader)) {
            throw new CharmModelException(where(site) + ": cannot map the compute hosts to their cell on " + leader.name() + ": its agent is "
                    + leader.agent().describe());
        }
        String verb = major(site) >= 3 ? "exec" : "run";
        ShellCommand discover = ShellCommand.of("nova-manage").flag("cell_v2").flag("discover_hosts").flag("--verbose");
        CommandResult result = runOk(site, "nova-manage cell_v2 discover_hosts on " + leader.name(),
                inModel(site, verb).flag("--unit").arg(Arg.UNIT, leader.name()).commandArg(discover), properties.commandTimeout());
        return new CellDiscovery(leader.name(), "juju " + verb + " --unit " + leader.name() + " 'nova-manage cell_v2 discover_hosts --verbose'",
                tail(result.stdout()));
    }

    @Override
    public List<String> errorLog(Site site, int lines) {
        if (lines < 1 || lines > 10_000) {
            throw new IllegalArgumentException("lines must be 1 to 10000, got " + lines + " (site " + site.name() + ")");
        }
        CommandResult result = runOk(site, "juju debug-log (the newest " + lines + " ERROR lines)", inModel(site, "debug-log").flag("--no-tail")
                .flag("--level").flag("ERROR").flag("--limit").arg(Arg.NUMBER, Integer.toString(lines)), properties.statusTimeout());
        return result.stdout().lines().filter(l -> !l.isBlank()).map(secrets::redact).toList();
    }

    @Override
    public boolean removeUnit(Site site, String unit) {
        Arg.UNIT.check(unit);
        if (status(site).unit(unit).isEmpty()) {
            return false;
        }
        ShellCommand command = inModel(site, "remove-unit").arg(Arg.UNIT, unit);
        if (major(site) >= 3) {
            command = command.flag("--no-prompt"); // Juju 3 may ask for confirmation; there is nobody to answer
        }
        runOk(site, "juju remove-unit " + unit, command, properties.commandTimeout());
        return true;
    }

    @Override
    public ControllerBackup createControllerBackup(Site site) {
        String model = model(site);
        String controllerModel = model.contains(":") ? model.substring(0, model.indexOf(':')) + ":controller" : "controller";
        String directory = Arg.PATH.check(properties.backupDirectory().replaceAll("/+$", ""));
        String file = directory + "/juju-backup-" + site.name() + "-" + STAMP.format(clock.instant()) + ".tar.gz";
        runOk(site, "juju create-backup of the controller",
                ShellCommand.of("mkdir").flag("-p").arg(Arg.PATH, directory)
                        .andThen(juju().flag("create-backup").flag("-m").arg(Arg.MODEL, controllerModel).flag("--filename").arg(Arg.PATH, file)),
                properties.backupTimeout());
        CommandResult size = runOk(site, "size of controller backup " + file, ShellCommand.of("wc").flag("-c").arg(Arg.PATH, file),
                properties.statusTimeout());
        long bytes;
        try {
            bytes = Long.parseLong(size.stdout().trim().split("\\s+")[0]);
        } catch (NumberFormatException e) {
            throw new CharmModelException(where(site) + ": cannot tell the size of controller backup " + file + ": " + tail(size.stdout()));
        }
        if (bytes <= 0) {
            throw new CharmModelException(where(site) + ": controller backup " + file + " is empty");
        }
        return new ControllerBackup(site.jujuHost().display(), file, bytes);
    }

    /** The Juju client's major version on the site's Juju host. */
    int major(Site site) {
        Instant now = clock.instant();
        CachedVersion cached = versions.get(site.name());
        if (cached != null && now.isBefore(cached.until())) {
            return cached.major();
        }
        CommandResult result = runOk(site, "juju version", juju().flag("version"), properties.statusTimeout());
        Matcher m = LEADING_VERSION.matcher(result.stdout());
        if (!m.find()) {
            throw new CharmModelException(where(site) + ": cannot read the Juju version from 'juju version': " + tail(result.stdout()));
        }
        int major = Integer.parseInt(m.group(1));
        if (major < 2) {
            throw new CharmModelException(where(site) + ": Juju " + m.group() + " is not supported (2.9 or 3.x needed)");
        }
        versions.put(site.name(), new CachedVersion(major, now.plus(properties.versionCacheTtl())));
        return major;
    }

    private ShellCommand juju() {
        return ShellCommand.of(properties.executable());
    }

    private ShellCommand inModel(Site site, String subcommand) {
        return juju().flag(subcommand).flag("-m").arg(Arg.MODEL, model(site));
    }

    private static String model(Site site) {
        if (site.juju() == null) {
            throw new IllegalStateException("site " + site.name() + " has no 'juju' settings (dayshift.sites." + site.name() + ".juju)");
        }
        return site.juju().model();
    }

    private CommandResult run(Site site, String operation, ShellCommand command, Duration timeout) {
        SshEndpoint host = site.jujuHost();
        return RemoteCommandException.within("site " + site.name() + ": " + operation, () -> shell.run(host, command, timeout));
    }

    private CommandResult runOk(Site site, String operation, ShellCommand command, Duration timeout) {
        CommandResult result = run(site, operation, command, timeout);
        if (!result.succeeded()) {
            throw new CharmModelException(where(site) + ": " + operation + " failed (exit " + result.exitStatus() + "): "
                    + tail(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        }
        return result;
    }

    private String where(Site site) {
        return "site " + site.name() + " (" + site.jujuHost().display() + ")";
    }

    private String tail(String text) {
        String trimmed = text == null ? "" : text.strip();
        return secrets.redact(trimmed.length() <= TAIL ? trimmed : "…" + trimmed.substring(trimmed.length() - TAIL));
    }

    private static boolean hasTag(String constraints, String tag) {
        return Arrays.stream(constraints.split("\\s+"))
                .filter(c -> c.startsWith("tags="))
                .flatMap(c -> Arrays.stream(c.substring("tags=".length()).split(",")))
                .anyMatch(tag::equals);
    }

    private static int unitNumber(Unit unit) {
        return Integer.parseInt(unit.name().substring(unit.name().indexOf('/') + 1));
    }
}
