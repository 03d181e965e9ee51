package io.dayshift.adapter.kolla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dayshift.kolla.ContainerLog;
import io.dayshift.kolla.FileChange;
import io.dayshift.kolla.GaleraNode;
import io.dayshift.kolla.HostContainers;
import io.dayshift.kolla.HostDiscovery;
import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaException;
import io.dayshift.evidence.Call;
import io.dayshift.evidence.Journal;
import io.dayshift.kolla.HostRecap;
import io.dayshift.kolla.KollaRun;
import io.dayshift.kolla.KollaRunConflictException;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.kolla.KollaRunState;
import io.dayshift.kolla.KollaRunStatus;
import io.dayshift.kolla.NodeContainer;
import io.dayshift.shell.Arg;
import io.dayshift.shell.CommandResult;
import io.dayshift.shell.DetachedRun;
import io.dayshift.shell.MariaDbCommands;
import io.dayshift.shell.RemoteCommandException;
import io.dayshift.shell.RemoteShell;
import io.dayshift.shell.ShellCommand;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.site.SshEndpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KollaDeployer} over SSH on the site's deployer. Speaks both kolla-ansible CLIs: the cliff CLI of 2025.1
 * (kolla-ansible 20+) {@code kolla-ansible <action> -i INV} with {@code mariadb-backup}/{@code mariadb-recovery}, and
 * the older bash CLI {@code kolla-ansible -i INV <action>} with {@code mariadb_backup}/{@code mariadb_recovery}; the
 * installed version is read with {@code kolla-ansible --version} and cached per site.
 *
 * <p>kolla-ansible runs detached ({@link DetachedRun}): one short SSH call starts it with nohup in
 * {@code <run-directory>/<runId>/} unless that run exists already, and later short calls look at it there; the PLAY
 * RECAP and the exit code are read from the run's log and {@code rc} file exactly as a blocking run would have given them.
 *
 * <p>File edits never run sed or an editor remotely: the file is read over SSH, edited here, and written back as
 * {@code cp -p FILE FILE.dayshift-<sha>} (backup, named after the first 12 hex digits of the SHA-256 of what it holds),
 * {@code cp -p FILE FILE.dayshift-tmp-<sha>} (same owner and mode; named after the new content), {@code tee} of the new
 * content into it on standard input, a re-read proving nobody changed FILE meanwhile, {@code mv -f TMP FILE}, and a final
 * re-read that must show the change. A copy already there with that name is not made again: an edit run again after a
 * crash between the copies and the {@code mv} writes nothing twice.
 */
final class KollaAnsibleDeployer implements KollaDeployer {

    /** The most hosts one ad hoc pattern names ({@link Arg#HOST_LIST}): a longer list is read in several calls. */
    static final int HOSTS_PER_PATTERN = 200;

    private static final Logger log = LoggerFactory.getLogger(KollaAnsibleDeployer.class);
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final int FIRST_CLIFF_MAJOR = 20; // 2025.1 Epoxy
    private static final Pattern RELEASE_LINE = Pattern.compile("(?m)^openstack_release\\s*:.*$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern GROUP = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    /** How much of a run's log is read back when it has ended: enough for the PLAY RECAP of hundreds of hosts. */
    private static final int LOG_READ_BYTES = 1024 * 1024;
    /** The first nova-conductor, as kolla-ansible's nova-cell role delegates discovery to {@code groups[nova_cell_conductor_group][0]}. */
    private static final String FIRST_CONDUCTOR = "nova-conductor[0]";
    private static final Pattern HOST_MAPPED = Pattern.compile("(?m)^Creating host mapping for (?:service|compute host) '?([A-Za-z0-9._-]+)'?");

    private record CachedVersion(int major, Instant until) {
    }

    private final RemoteShell shell;
    private final KollaProperties properties;
    private final Secrets secrets;
    private final Clock clock;
    private final Journal journal;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Map<String, CachedVersion> versions = new ConcurrentHashMap<>();

    KollaAnsibleDeployer(RemoteShell shell, KollaProperties properties, Secrets secrets, Clock clock, Journal journal) {
        this.journal = journal;
        this.shell = shell;
        this.properties = properties;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public KollaRunHandle start(Site site, KollaAction action, List<String> limit, String runId) {
        if (!limit.isEmpty() && !action.acceptsLimit()) {
            throw new IllegalArgumentException(action + " does not take a --limit (site " + site.name() + ")");
        }
        limit.forEach(Arg.HOSTNAME::check);
        DetachedRun.at(properties.runDirectory(), runId); // a bad run id is refused before anything is sent
        return startDetached(site, action, limit.isEmpty() ? "all hosts" : String.join(",", limit), command(site, action, limit), runId);
    }

    /** Starts {@code command} detached as run {@code runId}, or finds the run that exists (see {@link #start}). */
    private KollaRunHandle startDetached(Site site, KollaAction action, String limit, ShellCommand command, String runId) {
        DetachedRun run = DetachedRun.at(properties.runDirectory(), runId);
        String operation = "start kolla-ansible " + action + " as run " + runId;
        DetachedRun.Start start;
        try {
            start = run.started(run(site, operation, run.start(command), properties.fileTimeout()));
        } catch (IllegalStateException e) {
            throw new KollaException(where(site) + ": cannot " + operation + ": " + secrets.redact(e.getMessage()));
        }
        String wanted = command.render();
        if (!start.launched() && start.command().isEmpty()) {
            throw new KollaException(where(site) + ": cannot " + operation + ": run " + runId + " in " + run.directory()
                    + " is being started by another call right now (it has no command yet); try again");
        }
        if (!start.command().equals(wanted)) {
            throw new KollaRunConflictException(where(site) + ": cannot " + operation + ": run id " + runId + " is taken by a run of another command in "
                    + run.directory() + "; it runs: " + secrets.redact(start.command()) + " ; asked to run: " + secrets.redact(wanted)
                    + ". Nothing was started; a different step needs a different run id");
        }
        journal.record(new Call(Call.KOLLA, limit, "kolla-ansible " + action + " (run " + runId + ")",
                start.launched() ? "started in the background" : "running already, not started again", secrets.redact(wanted)));
        if (start.launched()) {
            log.info("site {}: kolla-ansible {} started in the background as run {} ({})", site.name(), action, runId, run.directory());
        } else {
            log.info("site {}: kolla-ansible {} run {} exists already (started {}); not started again", site.name(), action, runId,
                    start.started().map(Object::toString).orElse("at an unknown time"));
        }
        return new KollaRunHandle(runId, action, secrets.redact(wanted), run.directory());
    }

    @Override
    public KollaRunState check(Site site, KollaRunHandle handle) {
        DetachedRun run = DetachedRun.ofDirectory(handle.directory());
        if (!run.runId().equals(handle.runId())) {
            throw new IllegalArgumentException("run " + handle.runId() + " does not live in " + handle.directory() + " (site " + site.name() + ")");
        }
        String what = "kolla-ansible " + handle.action() + " (run " + handle.runId() + ")";
        DetachedRun.Inspection seen;
        try {
            seen = run.inspection(run(site, "check " + what, run.inspect(LOG_READ_BYTES), properties.fileTimeout()));
        } catch (IllegalStateException e) {
            throw new KollaException(where(site) + ": cannot check " + what + ": " + secrets.redact(e.getMessage()));
        }
        Duration elapsed = seen.elapsed();
        return switch (seen.state()) {
            case RUNNING -> new KollaRunState(handle.runId(), KollaRunStatus.RUNNING, Optional.empty(),
                    what + " running for " + human(elapsed) + seen.pid().stream().mapToObj(p -> " (pid " + p + ")").findFirst().orElse(""), elapsed, "");
            case FINISHED -> finished(site, handle, seen, what);
            case LOST -> {
                String tail = secrets.redact(keepTail(seen.logTail()));
                log.warn("site {}: {} is lost: {}", site.name(), what, seen.lostBecause());
                journal.record(new Call(Call.KOLLA, where(site), what, "LOST: " + seen.lostBecause(), tail));
                yield new KollaRunState(handle.runId(), KollaRunStatus.LOST, Optional.empty(),
                        what + " on " + where(site) + " is LOST: " + seen.lostBecause() + ". It may have changed some hosts; read "
                                + handle.directory() + "/log on the deployer, then start it again under a new run id or finish by hand",
                        elapsed, tail);
            }
        };
    }

    private KollaRunState finished(Site site, KollaRunHandle handle, DetachedRun.Inspection seen, String what) {
        int exit = seen.exitCode().orElseThrow();
        Map<String, HostRecap> recap = AnsibleResults.recap(seen.logTail());
        String kept = keepTail(seen.logTail());
        boolean truncated = DetachedRun.utf8Bytes(kept) < seen.logBytes();
        KollaRun result = new KollaRun(handle.action(), handle.command(), exit, AnsibleResults.outcome(exit, recap), recap, secrets.redact(kept),
                truncated, seen.elapsed());
        log.info("site {}: {} ended {} (exit {}) after {}, troubled hosts {}", site.name(), what, result.outcome(), exit, human(seen.elapsed()),
                result.troubledHosts());
        journal.record(new Call(Call.KOLLA, recap.isEmpty() ? where(site) : String.join(",", new TreeSet<>(recap.keySet())), what,
                result.outcome() + " (exit " + exit + "), recap " + recap(recap), result.logTail()));
        return new KollaRunState(handle.runId(), KollaRunStatus.FINISHED, Optional.of(result),
                what + " ended " + result.outcome() + " (exit " + exit + ") after " + human(seen.elapsed())
                        + (result.troubledHosts().isEmpty() ? "" : "; troubled hosts " + String.join(", ", result.troubledHosts())),
                seen.elapsed(), result.logTail());
    }

    /** The recap per host, in host order: {@code cn01 ok=12 changed=3 unreachable=0 failed=0 …; cn02 …}. */
    private static String recap(Map<String, HostRecap> recap) {
        if (recap.isEmpty()) {
            return "none (the run ended before its PLAY RECAP)";
        }
        return new TreeMap<>(recap).values().stream().map(h -> h.host() + " ok=" + h.ok() + " changed=" + h.changed()
                + " unreachable=" + h.unreachable() + " failed=" + h.failed() + " skipped=" + h.skipped() + " rescued=" + h.rescued()
                + " ignored=" + h.ignored()).collect(Collectors.joining("; "));
    }

    private String keepTail(String log) {
        return log.length() <= properties.logTailChars() ? log : log.substring(log.length() - properties.logTailChars());
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s") : (s / 3600) + "h" + ((s % 3600) / 60) + "m";
    }

    ShellCommand command(Site site, KollaAction action, List<String> limit) {
        boolean cliff = major(site) >= FIRST_CLIFF_MAJOR;
        String inventory = path(site, kolla(site).inventory(), "inventory");
        ShellCommand command = ShellCommand.of(properties.executable());
        String verb = switch (action) {
            case PRECHECKS -> "prechecks";
            case PULL -> "pull";
            case BOOTSTRAP_SERVERS -> "bootstrap-servers";
            case DEPLOY -> "deploy";
            case UPGRADE -> "upgrade";
            case RECONFIGURE -> "reconfigure";
            case STOP -> "stop";
            case MARIADB_BACKUP_FULL, MARIADB_BACKUP_INCREMENTAL -> cliff ? "mariadb-backup" : "mariadb_backup";
            case MARIADB_RECOVERY -> cliff ? "mariadb-recovery" : "mariadb_recovery";
            case MARIADB_RESTORE -> throw new IllegalArgumentException("the MariaDB restore is not a kolla-ansible action (site " + site.name() + ")");
        };
        command = cliff
                ? command.flag(verb).flag("-i").arg(Arg.PATH, inventory)
                : command.flag("-i").arg(Arg.PATH, inventory).flag(verb);
        if (action == KollaAction.MARIADB_BACKUP_INCREMENTAL) {
            command = command.flag("--incremental");
        }
        if (action == KollaAction.STOP) {
            command = command.flag("--yes-i-really-really-mean-it");
        }
        if (!limit.isEmpty()) {
            command = command.flag("--limit").arg(Arg.HOST_LIST, String.join(",", limit));
        }
        return command;
    }

    // --- inventory ---

    @Override
    public FileChange addHost(Site site, String group, String host) {
        checkGroup(group);
        Arg.HOSTNAME.check(host);
        return edit(site, kolla(site).inventory(), "inventory", "add " + host + " to [" + group + "]",
                text -> IniInventory.withHost(text, group, host),
                text -> IniInventory.contains(text, group, host));
    }

    @Override
    public FileChange removeHost(Site site, String group, String host) {
        checkGroup(group);
        Arg.HOSTNAME.check(host);
        return edit(site, kolla(site).inventory(), "inventory", "remove " + host + " from [" + group + "]",
                text -> IniInventory.withoutHost(text, group, host),
                text -> !IniInventory.contains(text, group, host));
    }

    @Override
    public boolean inventoryHasHost(Site site, String group, String host) {
        checkGroup(group);
        return IniInventory.contains(read(site, path(site, kolla(site).inventory(), "inventory")), group, host);
    }

    // --- globals.yml ---

    @Override
    public Optional<String> openstackRelease(Site site) {
        String file = path(site, kolla(site).globals(), "globals");
        return release(site, file, read(site, file));
    }

    @Override
    public FileChange setOpenstackRelease(Site site, String release) {
        Arg.RELEASE.check(release);
        String line = "openstack_release: \"" + release + "\"";
        String file = path(site, kolla(site).globals(), "globals");
        return edit(site, kolla(site).globals(), "globals", "set openstack_release to " + release,
                text -> {
                    if (release(site, file, text).filter(release::equals).isPresent()) {
                        return text;
                    }
                    Matcher m = RELEASE_LINE.matcher(text);
                    if (m.find()) {
                        return text.substring(0, m.start()) + line + text.substring(m.end());
                    }
                    return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + line + "\n";
                },
                text -> release(site, file, text).filter(release::equals).isPresent());
    }

    private Optional<String> release(Site site, String file, String text) {
        try {
            JsonNode root = yaml.readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                return Optional.empty();
            }
            if (!root.isObject()) {
                throw new KollaException(where(site) + ": " + file + " is not a YAML mapping");
            }
            JsonNode value = root.get("openstack_release");
            return value == null || value.isNull() || value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
        } catch (JsonProcessingException e) {
            throw new KollaException(where(site) + ": cannot read " + file + " as YAML (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
    }

    // --- nodes, through Ansible ad-hoc commands on the deployer ---

    @Override
    public List<HostContainers> containers(Site site, String hostPattern) {
        String operation = "list the containers of " + hostPattern;
        List<HostContainers> out = new ArrayList<>();
        for (AdHocOutput.HostResult r : adHoc(site, operation, hostPattern, ShellCommand.of("docker").flag("ps").flag("-a"))) {
            if (r.outcome() != AdHocOutput.Outcome.OK) {
                out.add(new HostContainers(r.host(), Optional.of(secrets.redact(r.problem())), List.of()));
                continue;
            }
            try {
                out.add(new HostContainers(r.host(), Optional.empty(), DockerPs.parse(r.lines())));
            } catch (IllegalArgumentException e) {
                out.add(new HostContainers(r.host(), Optional.of("cannot read docker ps: " + e.getMessage()), List.of()));
            }
        }
        return out;
    }

    @Override
    public List<ContainerLog> containerLogTail(Site site, List<String> hosts, String container, int lines) {
        Arg.WORD.check(container);
        if (lines < 1 || lines > 10_000) {
            throw new IllegalArgumentException("lines must be 1 to 10000, got " + lines + " (site " + site.name() + ")");
        }
        if (hosts.isEmpty()) {
            return List.of();
        }
        ShellCommand logs = ShellCommand.of("docker").flag("logs").flag("--tail").arg(Arg.NUMBER, Integer.toString(lines)).arg(Arg.WORD, container);
        List<ContainerLog> read = new ArrayList<>();
        for (int from = 0; from < hosts.size(); from += HOSTS_PER_PATTERN) {
            String pattern = String.join(",", hosts.subList(from, Math.min(hosts.size(), from + HOSTS_PER_PATTERN)));
            adHoc(site, "read the last " + lines + " log lines of " + container + " on " + pattern, pattern, logs).stream()
                    .map(r -> r.outcome() == AdHocOutput.Outcome.OK
                            ? new ContainerLog(r.host(), container, Optional.empty(), r.lines().stream().map(secrets::redact).toList())
                            : new ContainerLog(r.host(), container, Optional.of(secrets.redact(r.problem())), List.of()))
                    .forEach(read::add);
        }
        return List.copyOf(read);
    }

    @Override
    public ContainerLog restartContainer(Site site, String host, String container) {
        Arg.HOSTNAME.check(host);
        Arg.WORD.check(container);
        ShellCommand restart = ShellCommand.of("docker").flag("restart").arg(Arg.WORD, container);
        List<AdHocOutput.HostResult> answers = adHocOn(site, "restart container " + container + " on " + host, host, Arg.HOSTNAME, restart, true);
        if (answers.isEmpty()) {
            return new ContainerLog(host, container, Optional.of("the inventory has no host " + host), List.of());
        }
        AdHocOutput.HostResult r = answers.get(0);
        return r.outcome() == AdHocOutput.Outcome.OK
                ? new ContainerLog(r.host(), container, Optional.empty(), r.lines().stream().map(secrets::redact).toList())
                : new ContainerLog(r.host(), container, Optional.of(secrets.redact(r.problem())), List.of());
    }

    /**
     * {@code ansible PATTERN -i INVENTORY -m command -a 'COMMAND'} on the deployer, read per host. The {@code ansible} program
     * is the one beside kolla-ansible (same virtualenv) when the executable is a path, else {@code ansible} on the PATH.
     * Exit 0, 2 (a host failed) and 4 (a host unreachable) are answers; any other exit is a failure of the step.
     */
    @Override
    public List<GaleraNode> galeraStatus(Site site) {
        List<GaleraNode> nodes = new ArrayList<>();
        for (AdHocOutput.HostResult r : adHocOn(site, "ask the Galera status of the mariadb nodes", MARIADB_GROUP, Arg.HOST_PATTERN,
                MariaDbCommands.wsrepStatus(), true)) {
            if (r.outcome() != AdHocOutput.Outcome.OK) {
                nodes.add(new GaleraNode(r.host(), Optional.of(secrets.redact(r.problem())), Map.of()));
                continue;
            }
            Map<String, String> status = new LinkedHashMap<>();
            for (String line : r.lines()) {
                String[] field = line.strip().split("\\s+", 2);
                if (field.length == 2 && field[0].startsWith("wsrep_")) {
                    status.put(field[0], secrets.redact(field[1]));
                }
            }
            nodes.add(status.isEmpty() ? new GaleraNode(r.host(), Optional.of("no wsrep status in its answer: " + secrets.redact(r.text().strip())),
                    Map.of()) : new GaleraNode(r.host(), Optional.empty(), status));
        }
        return nodes;
    }

    private List<AdHocOutput.HostResult> adHoc(Site site, String operation, String hostPattern, ShellCommand nodeCommand) {
        return adHocOn(site, operation, hostPattern, Arg.HOST_LIST, nodeCommand, false);
    }

    /** {@link #adHoc} with the pattern checked as {@code patternKind}, and with {@code --become} (root on the node) when asked. */
    private List<AdHocOutput.HostResult> adHocOn(Site site, String operation, String hostPattern, Arg patternKind, ShellCommand nodeCommand,
                                                 boolean become) {
        ShellCommand command = adHocCommand(site, hostPattern, patternKind, nodeCommand, become);
        CommandResult result = run(site, operation, command, properties.fileTimeout());
        if (result.exitStatus() != 0 && result.exitStatus() != 2 && result.exitStatus() != 4) {
            throw new KollaException(where(site) + ": " + operation + " failed: " + command.render() + " exited " + result.exitStatus() + ": "
                    + tail(result.stderr() + "\n" + result.stdout()));
        }
        return AdHocOutput.parse(result.stdout());
    }

    private ShellCommand adHocCommand(Site site, String hostPattern, Arg patternKind, ShellCommand nodeCommand, boolean become) {
        patternKind.check(hostPattern);
        String inventory = path(site, kolla(site).inventory(), "inventory");
        ShellCommand command = ShellCommand.of(ansibleExecutable()).arg(patternKind, hostPattern).flag("-i").arg(Arg.PATH, inventory);
        if (become) {
            command = command.flag("--become");
        }
        return command.flag("-m").flag("command").flag("-a").commandArg(nodeCommand);
    }

    String ansibleExecutable() {
        String kollaAnsible = properties.executable();
        int slash = kollaAnsible.lastIndexOf('/');
        return slash < 0 ? "ansible" : kollaAnsible.substring(0, slash + 1) + "ansible";
    }

    // --- commands on nodes (add-compute-node) ---

    @Override
    public HostDiscovery discoverComputeHosts(Site site) {
        String operation = "run nova-manage cell_v2 discover_hosts on " + FIRST_CONDUCTOR;
        ShellCommand discover = ShellCommand.of("docker").flag("exec").flag("nova_conductor").flag("nova-manage").flag("cell_v2")
                .flag("discover_hosts").flag("--by-service").flag("--verbose");
        List<AdHocOutput.HostResult> hosts = adHocOn(site, operation, Arg.HOST_PATTERN.check(FIRST_CONDUCTOR), Arg.HOST_PATTERN, discover, true);
        if (hosts.isEmpty()) {
            throw new KollaException(where(site) + ": cannot " + operation + ": the inventory has no nova-conductor host");
        }
        AdHocOutput.HostResult answer = hosts.get(0);
        if (answer.outcome() != AdHocOutput.Outcome.OK) {
            throw new KollaException(where(site) + ": cannot " + operation + ": " + answer.host() + " " + secrets.redact(answer.problem()));
        }
        List<String> mapped = new ArrayList<>();
        Matcher m = HOST_MAPPED.matcher(answer.text());
        while (m.find()) {
            mapped.add(m.group(1));
        }
        log.info("site {}: discover_hosts on {} mapped {}", site.name(), answer.host(), mapped);
        return new HostDiscovery(answer.host(), mapped, secrets.redact(answer.text()));
    }

    // ---- dr-restore ---

    /** Where Kolla's mariadb_backup writes and a restore puts the data back: {@code groups['mariadb'][0]}. */
    private static final String FIRST_MARIADB = "mariadb[0]";
    private static final String MARIADB_GROUP = "mariadb";

    @Override
    public KollaRunHandle startMariaDbRestore(Site site, List<String> chain, String runId) {
        chain.forEach(Arg.FILE_NAME::check);
        DetachedRun existing = DetachedRun.at(properties.runDirectory(), runId);
        String operation = "restore MariaDB on " + FIRST_MARIADB;
        AdHocOutput.HostResult node = firstMariaDb(site, operation);
        NodeContainer mariadb;
        try {
            mariadb = DockerPs.parse(node.lines()).stream().filter(c -> c.name().equals("mariadb")).findFirst()
                    .orElseThrow(() -> new KollaException(where(site) + ": cannot " + operation + ": " + node.host() + " has no mariadb container"));
        } catch (IllegalArgumentException e) {
            throw new KollaException(where(site) + ": cannot " + operation + ": cannot read docker ps of " + node.host() + ": " + e.getMessage());
        }
        if (mariadb.running() && !runExists(site, existing)) {
            throw new KollaException(where(site) + ": refusing to restore MariaDB on " + node.host() + " while its mariadb container runs ("
                    + mariadb.status() + "); stop it first");
        }
        ShellCommand command = adHocCommand(site, node.host(), Arg.HOSTNAME, MariaDbCommands.restoreFromBackup(mariadb.image(), chain), true);
        return startDetached(site, KollaAction.MARIADB_RESTORE, node.host(), command, runId);
    }

    @Override
    public KollaRunHandle startMariaDbRecovery(Site site, String runId) {
        DetachedRun.at(properties.runDirectory(), runId);
        String bootstrap = firstMariaDb(site, "recover the Galera cluster").host();
        ShellCommand command = command(site, KollaAction.MARIADB_RECOVERY, List.of()).flag("-e")
                .arg(Arg.KEY_VALUE, "mariadb_recover_inventory_name=" + Arg.HOSTNAME.check(bootstrap));
        return startDetached(site, KollaAction.MARIADB_RECOVERY, bootstrap, command, runId);
    }

    /** {@code docker ps -a} on {@code mariadb[0]}: the node's inventory name and its containers, or why not. */
    private AdHocOutput.HostResult firstMariaDb(Site site, String operation) {
        List<AdHocOutput.HostResult> found = adHocOn(site, "list the containers of " + FIRST_MARIADB, FIRST_MARIADB, Arg.HOST_PATTERN,
                ShellCommand.of("docker").flag("ps").flag("-a"), true);
        if (found.isEmpty()) {
            throw new KollaException(where(site) + ": cannot " + operation + ": the inventory has no mariadb host");
        }
        AdHocOutput.HostResult node = found.get(0);
        if (node.outcome() != AdHocOutput.Outcome.OK) {
            throw new KollaException(where(site) + ": cannot " + operation + ": " + node.host() + " cannot be listed: " + secrets.redact(node.problem()));
        }
        return node;
    }

    @Override
    public FileChange restoreConfiguration(Site site, String archive) {
        String dir = path(site, kolla(site).configDir(), "config-dir").replaceAll("/+$", "");
        String member = dir.substring(1);
        Arg.PATH.check(archive);
        String listing = runOk(site, "list " + archive, ShellCommand.of("tar").flag("-tzf").arg(Arg.PATH, archive).withSudo(), null).stdout();
        List<String> outside = listing.lines().filter(e -> !e.isBlank()).map(e -> e.replaceAll("/+$", ""))
                .filter(e -> !(e.equals(member) || e.startsWith(member + "/")) || e.contains("..")).limit(5).toList();
        if (listing.isBlank() || !outside.isEmpty()) {
            throw new KollaException(where(site) + ": refusing to unpack " + archive + " over " + dir + ": "
                    + (listing.isBlank() ? "it is empty" : "it holds members outside " + member + "/: " + String.join(", ", outside)));
        }
        String kept = Arg.PATH.check(dir + ".dayshift-" + STAMP.format(clock.instant()) + ".tar.gz");
        runOk(site, "keep " + dir + " as " + kept, ShellCommand.of("tar").flag("-czf").arg(Arg.PATH, kept).arg(Arg.PATH, dir).withSudo(), null);
        runOk(site, "unpack " + archive + " over " + dir, ShellCommand.of("tar").flag("-xzf").arg(Arg.PATH, archive).flag("-C").arg(Arg.PATH, "/").withSudo(), null);
        log.info("site {}: configuration {} restored from {} (the previous one kept as {})", site.name(), dir, archive, kept);
        return new FileChange(dir, true, kept);
    }

    private boolean runExists(Site site, DetachedRun run) {
        return run(site, "look for run " + run.runId(), ShellCommand.of("test").flag("-d").arg(Arg.PATH, run.directory()), properties.fileTimeout())
                .succeeded();
    }

    // --- safe remote edit ---

    private FileChange edit(Site site, Path target, String what, String operation, UnaryOperator<String> change, Predicate<String> done) {
        String file = path(site, target, what);
        String original = read(site, file);
        String updated;
        try {
            updated = change.apply(original);
        } catch (IllegalArgumentException e) {
            throw new KollaException(where(site) + ": cannot " + operation + " in " + file + ": " + e.getMessage());
        }
        if (updated.equals(original)) {
            return new FileChange(file, false, "");
        }
        // named after what they hold: an edit run again after a crash finds what the first attempt wrote and writes nothing twice
        String backup = Arg.PATH.check(file + ".dayshift-" + contentName(original));
        String temporary = Arg.PATH.check(file + ".dayshift-tmp-" + contentName(updated));
        if (!exists(site, backup)) {
            runOk(site, operation + ": back up " + file, ShellCommand.of("cp").flag("-p").arg(Arg.PATH, file).arg(Arg.PATH, backup), null);
        }
        if (!exists(site, temporary) || !read(site, temporary).equals(updated)) {
            runOk(site, operation + ": copy " + file, ShellCommand.of("cp").flag("-p").arg(Arg.PATH, file).arg(Arg.PATH, temporary), null);
            runOk(site, operation + ": write " + temporary, ShellCommand.of("tee").arg(Arg.PATH, temporary), updated.getBytes(StandardCharsets.UTF_8));
        }
        if (!read(site, file).equals(original)) {
            runOk(site, operation + ": discard " + temporary, ShellCommand.of("rm").flag("-f").arg(Arg.PATH, temporary), null);
            throw new KollaException(where(site) + ": cannot " + operation + ": " + file + " changed while it was being edited; nothing written");
        }
        runOk(site, operation + ": replace " + file, ShellCommand.of("mv").flag("-f").arg(Arg.PATH, temporary).arg(Arg.PATH, file), null);
        if (!done.test(read(site, file))) {
            throw new KollaException(where(site) + ": " + operation + ": " + file + " does not show the change after writing it; the previous version is "
                    + backup);
        }
        log.info("site {}: {} in {} (backup {})", site.name(), operation, file, backup);
        return new FileChange(file, true, backup);
    }

    private boolean exists(Site site, String file) {
        return run(site, "look for " + file, ShellCommand.of("test").flag("-e").arg(Arg.PATH, file), properties.fileTimeout()).succeeded();
    }

    /** The first twelve hex digits of the SHA-256 of {@code content}: the name of a copy that holds it. */
    static String contentName(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private String read(Site site, String file) {
        CommandResult result = runOk(site, "read " + file, ShellCommand.of("cat").arg(Arg.PATH, file), null);
        if (result.truncated()) {
            throw new KollaException(where(site) + ": " + file + " is larger than the SSH output bound; refusing to edit it");
        }
        return result.stdout();
    }

    // --- plumbing ---

    int major(Site site) {
        Instant now = clock.instant();
        CachedVersion cached = versions.get(site.name());
        if (cached != null && now.isBefore(cached.until())) {
            return cached.major();
        }
        CommandResult result = runOk(site, "kolla-ansible --version", ShellCommand.of(properties.executable()).flag("--version"), null);
        Matcher m = VERSION.matcher(result.stdout() + "\n" + result.stderr());
        if (!m.find()) {
            throw new KollaException(where(site) + ": cannot read the kolla-ansible version from: " + tail(result.stdout() + result.stderr()));
        }
        int major = Integer.parseInt(m.group(1));
        versions.put(site.name(), new CachedVersion(major, now.plus(properties.versionCacheTtl())));
        return major;
    }

    private CommandResult run(Site site, String operation, ShellCommand command, Duration timeout) {
        SshEndpoint host = site.kollaDeployer();
        return RemoteCommandException.within("site " + site.name() + ": " + operation, () -> shell.run(host, command, timeout));
    }

    private CommandResult runOk(Site site, String operation, ShellCommand command, byte[] input) {
        SshEndpoint host = site.kollaDeployer();
        CommandResult result = RemoteCommandException.within("site " + site.name() + ": " + operation, () -> input == null
                ? shell.run(host, command, properties.fileTimeout())
                : shell.runWithInput(host, command, input, properties.fileTimeout()));
        if (!result.succeeded()) {
            throw new KollaException(where(site) + ": " + operation + " failed (exit " + result.exitStatus() + "): " + tail(result.stderr()));
        }
        return result;
    }

    private static Site.Kolla kolla(Site site) {
        if (site.kolla() == null) {
            throw new IllegalStateException("site " + site.name() + " has no 'kolla' settings (dayshift.sites." + site.name() + ".kolla)");
        }
        return site.kolla();
    }

    private static String path(Site site, Path file, String what) {
        if (file == null) {
            throw new IllegalStateException("site " + site.name() + " has no kolla " + what + " file (dayshift.sites." + site.name() + ".kolla." + what + ")");
        }
        return Arg.PATH.check(file.toString());
    }

    private static void checkGroup(String group) {
        if (group == null || !GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("not an inventory group name: " + group);
        }
    }

    private String where(Site site) {
        return "site " + site.name() + " (" + site.kollaDeployer().display() + ")";
    }

    private String tail(String text) {
        String trimmed = text == null ? "" : text.strip();
        return secrets.redact(trimmed.length() <= 2000 ? trimmed : "…" + trimmed.substring(trimmed.length() - 2000));
    }
}
