package io.dayshift.lab.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kolla deployer of a simulated site and the files of its hosts: files and directories (with their times and modes),
 * the release each host runs, deployed and stopped hosts, kolla-ansible runs, the containers of each node, and the runs
 * detached with nohup on the deployer (a run directory among the files and its process, alive until its simulated end).
 */
public final class KollaState extends ServiceState {

    private static final Pattern RELEASE = Pattern.compile("(?m)^openstack_release\\s*:\\s*[\"']?([^\"'\\s#]+)");
    private static final String DEFAULT_CONTAINER_ERROR = "oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply";

    final Set<String> mariadbRecovered = new LinkedHashSet<>();

    // kolla
    String kollaAnsibleVersion = "";

    String inventoryPath = "";
    String globalsPath = "";
    final Map<String, LabFile> files = new TreeMap<>();
    final Set<String> directories = new LinkedHashSet<>();
    final Map<String, String> hostReleases = new LinkedHashMap<>();
    final Set<String> deployedHosts = new LinkedHashSet<>();
    final Set<String> stoppedHosts = new LinkedHashSet<>();
    final Map<String, PlaybookRun> runs = new LinkedHashMap<>();
    final Map<String, Instant> fileTimes = new HashMap<>();
    final Map<String, String> fileModes = new HashMap<>();
    final Map<Long, DetachedProcess> detachedProcesses = new LinkedHashMap<>();
    long lastPid = 24_117;

    KollaState(LabSite site) {
        super(site);
    }

    /** Ends the kolla-ansible runs and the detached processes whose simulated time is up. */
    void advanceRuns() {
        for (PlaybookRun run : List.copyOf(runs.values())) {
            if (!run.finished() && reached(run.finishesAt())) {
                applyPlaybook(run);
            }
        }
        endDetachedProcesses();
    }

    /** The paths of the files that start with {@code prefix}, sorted. */
    public List<String> files(String prefix) {
        synchronized (site) {
            return files.keySet().stream().filter(p -> p.startsWith(prefix)).sorted().toList();
        }
    }

    /** {@code install -m <mode>}: an empty file with that mode, or the mode of a directory. */
    public void installFile(String path, String mode, boolean directory) {
        synchronized (site) {
            if (directory) {
                directories.add(path);
            } else {
                files.put(path, LabFile.text(""));
                fileTimes.put(path, now());
            }
            fileModes.put(path, mode);
        }
    }

    /** A file's octal mode as {@code stat -c %a} prints it; 644 unless installed otherwise. */
    public String fileMode(String path) {
        synchronized (site) {
            return fileModes.getOrDefault(path, "644");
        }
    }

    /** When a file was last written (the epoch for seeded files), for {@code ls -t}. */
    public Instant fileTime(String path) {
        synchronized (site) {
            return fileTimes.getOrDefault(path, Instant.EPOCH);
        }
    }

    /** The files directly in {@code directory}, newest first. */
    public List<String> listDirectory(String directory) {
        synchronized (site) {
            String prefix = directory.endsWith("/") ? directory : directory + "/";
            return files.keySet().stream().filter(f -> f.startsWith(prefix) && f.indexOf('/', prefix.length()) < 0)
                    .sorted(Comparator.comparing((String f) -> fileTimes.getOrDefault(f, Instant.EPOCH)).reversed().thenComparing(Comparator.reverseOrder()))
                    .map(f -> f.substring(prefix.length())).toList();
        }
    }

    public String kollaAnsibleVersion() {
        synchronized (site) {
            return kollaAnsibleVersion;
        }
    }

    public String inventoryPath() {
        synchronized (site) {
            return inventoryPath;
        }
    }

    public String globalsPath() {
        synchronized (site) {
            return globalsPath;
        }
    }

    /** Puts a file, its time and mode untouched (a file another service keeps, such as a backup's archive). */
    void put(String path, LabFile content) {
        files.put(path, content);
    }

    /** Puts a file written now (for {@code ls -t}), its mode untouched. */
    void putWritten(String path, LabFile content) {
        files.put(path, content);
        fileTimes.put(path, now());
    }

    /** Puts a file a program writes now: a new file gets mode 644, an existing one keeps its mode. */
    void putWrittenByProgram(String path, LabFile content) {
        putWritten(path, content);
        fileModes.putIfAbsent(path, "644");
    }

    /** {@code openstack_release} of globals.yml, if set. */
    public Optional<String> globalsRelease() {
        synchronized (site) {
            LabFile globals = files.get(globalsPath);
            if (globals == null) {
                return Optional.empty();
            }
            Matcher m = RELEASE.matcher(globals.content());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }

    /** The release each deployed host runs. */
    public Map<String, String> hostReleases() {
        synchronized (site) {
            advance();
            return Map.copyOf(hostReleases);
        }
    }

    public Optional<LabFile> file(String path) {
        synchronized (site) {
            advance();
            return Optional.ofNullable(files.get(path));
        }
    }

    public boolean isDirectory(String path) {
        synchronized (site) {
            String prefix = path.endsWith("/") ? path : path + "/";
            return directories.contains(path) || files.keySet().stream().anyMatch(f -> f.startsWith(prefix));
        }
    }

    public void writeFile(String path, String content) {
        synchronized (site) {
            count("file-write", path);
            files.put(path, LabFile.text(content));
        }
    }

    public void copyFile(String from, String to) {
        synchronized (site) {
            LabFile f = files.get(from);
            if (f == null) {
                throw LabException.notFound("cannot stat '" + from + "': No such file or directory");
            }
            count("file-copy", to);
            files.put(to, f);
            site.backup().archiveCopied(from, to); // dr-restore: so does a copy
        }
    }

    public void moveFile(String from, String to) {
        synchronized (site) {
            LabFile f = files.remove(from);
            if (f == null) {
                throw LabException.notFound("cannot stat '" + from + "': No such file or directory");
            }
            count("file-move", to);
            files.put(to, f);
            Optional.ofNullable(fileTimes.remove(from)).ifPresent(t -> fileTimes.put(to, t)); // backup-site: a rename keeps time and mode
            Optional.ofNullable(fileModes.remove(from)).ifPresent(m -> fileModes.put(to, m));
            site.backup().archiveMoved(from, to); // dr-restore: an archive keeps what it holds
        }
    }

    public boolean deleteFile(String path) {
        synchronized (site) {
            boolean existed = files.remove(path) != null;
            fileTimes.remove(path);
            fileModes.remove(path);
            if (existed) {
                count("file-delete", path);
            }
            return existed;
        }
    }

    public void makeDirectory(String path) {
        synchronized (site) {
            directories.add(path);
        }
    }

    /**
     * Starts a kolla-ansible run: what fails (from faults and from hosts that cannot be reached) and the output are
     * decided now; it finishes after the action's duration, when its effects on the model are applied.
     *
     * @param action kolla-ansible's action word, with underscores: {@code prechecks}, {@code pull}, {@code bootstrap-servers},
     *               {@code deploy}, {@code upgrade}, {@code reconfigure}, {@code stop}, {@code mariadb_backup}, {@code mariadb_recovery}
     * @param limit  hosts or groups of {@code --limit}, empty for all
     */
    public PlaybookRun startPlaybook(String action, List<String> limit, boolean incremental) {
        synchronized (site) {
            advance();
            LabOperation op = LabOperation.ofKollaAction(action, limit);
            count("kolla-" + action.replace('_', '-') + (incremental ? "-incremental" : ""), String.join(",", limit));
            String id = "run-" + (runs.size() + 1);
            LabFile inventoryFile = files.get(inventoryPath);
            Inventory inventory = Inventory.parse(inventoryFile == null ? "" : inventoryFile.content());
            Set<String> candidates = switch (action) {
                case "mariadb_backup" -> firstOf(inventory.hostsOf("control"));
                case "mariadb_recovery" -> inventory.hostsOf("control");
                default -> inventory.allHosts();
            };
            List<String> hosts = new ArrayList<>(inventory.limit(candidates, limit));
            PlaybookOutput out = new PlaybookOutput();
            if (hosts.isEmpty()) {
                out.line("[WARNING]: Could not match supplied host pattern, ignoring: " + String.join(",", limit));
                out.error("Specified inventory, host pattern and/or --limit leaves us with no hosts to target.");
                PlaybookRun run = new PlaybookRun(id, action, limit, hosts, List.of(), List.of(), 1, out.toString(), now(), due(op, String.join(",", limit)), false);
                runs.put(id, run);
                return run;
            }
            List<String> unreachable = hosts.stream().filter(h -> !site.reachable(h)).toList();
            List<String> failed = new ArrayList<>();
            String failure = "";
            List<String> reached = hosts.stream().filter(h -> !unreachable.contains(h)).toList();
            FaultType type = switch (action) {
                case "deploy", "reconfigure", "bootstrap-servers" -> FaultType.DEPLOY_FAILS;
                case "upgrade" -> FaultType.UPGRADE_FAILS;
                case "prechecks" -> FaultType.PRECHECK_FAILS;
                case "mariadb_backup" -> FaultType.BACKUP_FAILS;
                case "mariadb_recovery" -> FaultType.RESTORE_FAILS;
                default -> null;
            };
            if (type != null) {
                for (String host : reached) {
                    boolean anyHost = type == FaultType.PRECHECK_FAILS || type == FaultType.BACKUP_FAILS || type == FaultType.RESTORE_FAILS;
                    Optional<LabFault> fault = anyHost && failed.isEmpty() ? fire(type, host) : holdsExactly(type, host) ? fire(type, host) : Optional.empty();
                    if (fault.isPresent()) {
                        failed.add(host);
                        failure = fault.get().messageOr(defaultFailure(action, host));
                    }
                }
            }
            out.play("Gather facts for all hosts");
            out.task("Gather facts", reached, List.of(), List.of(), unreachable, "");
            List<String> roles = rolesFor(action);
            for (int r = 0; r < roles.size(); r++) {
                boolean last = r == roles.size() - 1;
                List<String> healthy = reached.stream().filter(h -> !failed.contains(h)).toList();
                out.play("Apply role " + roles.get(r));
                out.task(roles.get(r) + " : " + taskName(action), last ? List.of() : healthy, last ? healthy : List.of(), last ? failed : List.of(),
                        List.of(), failure);
            }
            if (!failed.isEmpty() || !unreachable.isEmpty()) {
                out.line("\nNO MORE HOSTS LEFT *************************************************************");
            }
            out.recap(hosts, failed, unreachable, 6 + 4 * roles.size());
            int exit = !unreachable.isEmpty() ? 4 : !failed.isEmpty() ? 2 : 0;
            PlaybookRun run = new PlaybookRun(id, action + (incremental ? " --incremental" : ""), limit, hosts, failed, unreachable, exit,
                    out.toString(), now(), due(op, String.join(",", limit)), false);
            runs.put(id, run);
            return run;
        }
    }

    private static Set<String> firstOf(Set<String> hosts) {
        return hosts.isEmpty() ? Set.of() : Set.of(hosts.iterator().next());
    }

    private static List<String> rolesFor(String action) {
        return switch (action) {
            case "mariadb_backup", "mariadb_recovery" -> List.of("mariadb");
            case "prechecks" -> List.of("prechecks", "nova-cell");
            case "pull" -> List.of("common", "nova-cell");
            case "bootstrap-servers" -> List.of("openstack.kolla.baremetal");
            default -> List.of("common", "nova", "nova-cell");
        };
    }

    private static String taskName(String action) {
        return switch (action) {
            case "prechecks" -> "Checking free port for Nova Compute";
            case "pull" -> "Pulling nova-compute image";
            case "mariadb_backup" -> "Taking a full backup";
            case "mariadb_recovery" -> "Starting first MariaDB container";
            case "bootstrap-servers" -> "Install docker SDK for python";
            case "stop" -> "Stopping Kolla containers";
            case "upgrade" -> "Run Nova upgrade checks";
            default -> "Check nova-compute containers";
        };
    }

    private String defaultFailure(String action, String host) {
        return switch (action) {
            case "prechecks" -> "NTP daemon is not running or the clock is not synchronised on " + host;
            case "upgrade" -> "nova-status upgrade check failed (rc=2): Check: Placement API  Result: Failure";
            case "mariadb_backup" -> "Container mariabackup exited with code 1: mariabackup: Error writing file '/backup/xtrabackup_logfile' (Errcode: 28 \"No space left on device\")";
            case "mariadb_recovery" -> "Failed to bootstrap MariaDB cluster on " + host + ": WSREP: failed to open gcomm backend connection: 110";
            default -> "Container nova_compute on " + host + " exited with code 1: libvirt.libvirtError: Failed to connect socket to '/run/libvirt/virtqemud-sock'";
        };
    }

    public Optional<PlaybookRun> playbookRun(String id) {
        synchronized (site) {
            advance();
            return Optional.ofNullable(runs.get(id));
        }
    }

    public List<PlaybookRun> playbookRuns() {
        synchronized (site) {
            advance();
            return List.copyOf(runs.values());
        }
    }

    /** Ends a run now, whatever the simulated time (a CLI that was waited for in the foreground); its effects are applied once. */
    public PlaybookRun finishPlaybook(String id) {
        synchronized (site) {
            advance();
            PlaybookRun run = runs.get(id);
            if (run == null) {
                throw LabException.notFound("no kolla-ansible run " + id);
            }
            if (!run.finished()) {
                applyPlaybook(run);
            }
            return runs.get(id);
        }
    }

    private void applyPlaybook(PlaybookRun run) {
        runs.put(run.id(), run.done());
        if (run.exitCode() == 1) {
            return;
        }
        List<String> ok = run.hosts().stream().filter(h -> !run.failedHosts().contains(h) && !run.unreachableHosts().contains(h)).toList();
        Inventory inventory = Inventory.parse(Optional.ofNullable(files.get(inventoryPath)).map(LabFile::content).orElse(""));
        String release = globalsRelease().orElse(site.openstackRelease);
        String action = run.action().split(" ")[0];
        switch (action) {
            case "deploy", "upgrade", "reconfigure" -> ok.forEach(host -> {
                deployedHosts.add(host);
                stoppedHosts.remove(host);
                hostReleases.put(host, release);
                Set<String> groups = inventory.groupsOf(host);
                if (groups.contains("compute")) {
                    site.nova().ensureHypervisor(host);
                }
                if (groups.contains("network")) {
                    String zone = Optional.ofNullable(site.nodes.get(host)).map(LabNode::zone).orElse("nova");
                    site.neutron().addAgent("L3 agent", "neutron-l3-agent", host, zone);
                    site.neutron().addAgent("DHCP agent", "neutron-dhcp-agent", host, zone);
                    site.neutron().addAgent("Metadata agent", "neutron-metadata-agent", host, zone);
                    site.neutron().addAgent("Open vSwitch agent", "neutron-openvswitch-agent", host, zone);
                }
            });
            case "stop" -> {
                stoppedHosts.addAll(ok);
                ok.forEach(mariadbRecovered::remove);
            }
            case "mariadb_recovery" -> mariadbRecovered.addAll(ok); // dr-restore: Galera is up again, the other services still stopped
            case "mariadb_backup" -> ok.forEach(host -> {
                boolean incremental = run.action().contains("--incremental");
                String file = (incremental ? "incremental-" : "mysqlbackup-") + DateTimeFormatter.ofPattern("dd-MM-yyyy").withZone(ZoneOffset.UTC)
                        .format(run.startedAt()) + "-" + run.startedAt().getEpochSecond() + ".qp.xbc.xbs.gz";
                Backup b = site.backup().addBackup(incremental ? "mariadb-incremental" : "mariadb-full", host, "volume:mariadb_backup/" + file,
                        incremental ? 4_718_592L : 157_286_400L);
                files.put(BackupState.MARIADB_BACKUP_VOLUME + "/" + file, new LabFile("mariabackup xbstream " + b.sha256(), b.sizeBytes())); // backup-site
                fileTimes.put(BackupState.MARIADB_BACKUP_VOLUME + "/" + file, now());
            });
            default -> {
                // prechecks, pull, bootstrap-servers, recovery: nothing visible changes
            }
        }
    }

    /**
     * {@code docker ps -a} on a node: the containers of its inventory groups (none until it was deployed), exited when
     * kolla-ansible stopped them, nova_compute restarting on a hypervisor that is down.
     *
     * @throws LabException (CONFLICT) when the host cannot be reached
     */
    public List<Container> containers(String host) {
        synchronized (site) {
            advance();
            if (!site.reachable(host)) {
                throw LabException.conflict("ssh: connect to host " + host + " port 22: No route to host");
            }
            if (!deployedHosts.contains(host)) {
                return List.of();
            }
            Inventory inventory = Inventory.parse(Optional.ofNullable(files.get(inventoryPath)).map(LabFile::content).orElse(""));
            String release = hostReleases.getOrDefault(host, site.openstackRelease());
            List<Container> out = new ArrayList<>();
            for (String c : KollaCatalogue.containersOf(inventory.groupsOf(host))) {
                String status;
                boolean running;
                if (stoppedHosts.contains(host) && !(c.equals("mariadb") && mariadbRecovered.contains(host))) {
                    status = "Exited (0) 3 minutes ago";
                    running = false;
                } else if (c.equals("nova_compute") && holdsExactly(FaultType.HYPERVISOR_DOWN, host)) {
                    status = "Restarting (1) 12 seconds ago";
                    running = false;
                } else if (containerFault(FaultType.CONTAINER_EXITED, host, c).isPresent()) { // daily health check
                    status = "Exited (1) 7 minutes ago";
                    running = false;
                } else {
                    status = "Up 3 days (healthy)";
                    running = true;
                }
                out.add(new Container(sha256(host + c).substring(0, 12), c, KollaCatalogue.image(c, release), status, running));
            }
            return out;
        }
    }

    /** The last {@code lines} lines of a container's log. */
    public String containerLogs(String host, String container, int lines) {
        synchronized (site) {
            Container c = containers(host).stream().filter(x -> x.name().equals(container)).findFirst()
                    .orElseThrow(() -> LabException.notFound("Error response from daemon: No such container: " + container));
            List<String> log = new ArrayList<>();
            String ts = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC).format(now());
            for (int i = 0; i < 5; i++) {
                log.add(ts + " 7 INFO " + container.replace('_', '.') + " [-] periodic task run on " + host);
            }
            if (!c.running()) {
                log.add(ts + " 7 ERROR " + container.replace('_', '.') + " [-] " + (stoppedHosts.contains(host) ? "Caught SIGTERM, exiting"
                        : containerFault(FaultType.CONTAINER_EXITED, host, container).map(f -> f.messageOr(DEFAULT_CONTAINER_ERROR))
                        .orElse("libvirt.libvirtError: Failed to connect socket to '/run/libvirt/virtqemud-sock': Connection refused")));
            }
            log.addAll(faultLogLines(host, container, ts)); // daily health check
            return String.join("\n", log.subList(Math.max(0, log.size() - lines), log.size())) + "\n";
        }
    }

    /** Whether {@code mkdir -p BASE} and then {@code mkdir DIR} made a new run directory. */
    public enum RunDirectory {
        /** The run directory is new: the caller launches the command. */
        CREATED,
        /** A run directory of that name exists already: nothing is launched. */
        EXISTS,
        /** The base cannot hold runs: it, or a directory above it, is a file. */
        BASE_NOT_A_DIRECTORY,
        /** The run directory's name is taken by a file, or its parent is not a directory. */
        CANNOT_CREATE
    }

    /** A command running in the background: it ends at {@code endsAt}, when {@code finalLog} and {@code exitStatus} are written. */
    private record DetachedProcess(long pid, String directory, Instant endsAt, String finalLog, int exitStatus) {
    }

    /** The deployer's {@code /proc/sys/kernel/random/boot_id}: one boot for the site's whole life. */
    public String bootId() {
        synchronized (site) {
            return uuid("boot", "deployer");
        }
    }

    /**
     * {@code mkdir -p base} then {@code mkdir directory} as one step (only one caller can win the second): when the run
     * directory is new, writes {@code command} (the command line and a newline), {@code started} (now, epoch seconds) and
     * {@code boot} into it.
     */
    public RunDirectory createRunDirectory(String base, String directory, String commandLine) {
        synchronized (site) {
            advance();
            for (String dir = base; !dir.isEmpty(); dir = parentOf(dir)) {
                if (files.containsKey(dir)) {
                    return RunDirectory.BASE_NOT_A_DIRECTORY;
                }
            }
            for (String dir = base; !dir.isEmpty(); dir = parentOf(dir)) {
                directories.add(dir);
            }
            if (files.containsKey(directory) || !isDirectory(parentOf(directory).isEmpty() ? "/" : parentOf(directory))) {
                return RunDirectory.CANNOT_CREATE;
            }
            if (isDirectory(directory)) {
                return RunDirectory.EXISTS;
            }
            directories.add(directory);
            files.put(directory + "/command", LabFile.text(commandLine + "\n"));
            files.put(directory + "/started", LabFile.text(now().getEpochSecond() + "\n"));
            files.put(directory + "/boot", LabFile.text(bootId() + "\n"));
            return RunDirectory.CREATED;
        }
    }

    /**
     * Launches a background process in {@code directory}: writes {@code pid} and the log as it is at once, and at
     * {@code endsAt} (now or later) the whole log, {@code ended} and {@code rc}.
     *
     * @return its process id
     */
    public long launchDetached(String directory, String logAtStart, String finalLog, int exitStatus, Instant endsAt) {
        synchronized (site) {
            advance();
            long pid = ++lastPid;
            detachedProcesses.put(pid, new DetachedProcess(pid, directory, endsAt, finalLog, exitStatus));
            files.put(directory + "/log", LabFile.text(logAtStart));
            files.put(directory + "/pid", LabFile.text(pid + "\n"));
            endDetachedProcesses();
            return pid;
        }
    }

    /** {@code kill -0 pid} of a process launched by {@link #launchDetached}: true until it has ended. */
    public boolean processAlive(long pid) {
        synchronized (site) {
            advance();
            return detachedProcesses.containsKey(pid);
        }
    }

    private void endDetachedProcesses() {
        for (DetachedProcess p : List.copyOf(detachedProcesses.values())) {
            if (reached(p.endsAt())) {
                files.put(p.directory() + "/log", LabFile.text(p.finalLog()));
                files.put(p.directory() + "/ended", LabFile.text(p.endsAt().getEpochSecond() + "\n"));
                files.put(p.directory() + "/rc", LabFile.text(p.exitStatus() + "\n"));
                detachedProcesses.remove(p.pid());
            }
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }

    /**
     * The hosts an Ansible host pattern names in the inventory file at {@code inventoryPath}: host and group names separated by
     * commas ({@code all} for every host, {@code group[N]} for one member of a group), in the inventory's order; names the inventory does not know are ignored, as Ansible
     * does after its warning. Empty when there is no such file.
     */
    public List<String> inventoryHosts(String inventoryPath, String pattern) {
        synchronized (site) {
            LabFile file = files.get(inventoryPath);
            if (file == null) {
                return List.of();
            }
            Inventory inventory = Inventory.parse(file.content());
            Set<String> all = inventory.allHosts();
            Set<String> wanted = new LinkedHashSet<>();
            for (String item : pattern.split(",")) {
                Matcher indexed = Pattern.compile("^(.+)\\[([0-9]+)\\]$").matcher(item);
                if (indexed.matches()) { // add-compute-node: one member of a group, e.g. nova-conductor[0]
                    List<String> members = new ArrayList<>(inventory.hostsOf(indexed.group(1)));
                    int index = Integer.parseInt(indexed.group(2));
                    if (index < members.size()) {
                        wanted.add(members.get(index));
                    }
                } else if (item.equals("all") || item.equals("*")) {
                    wanted.addAll(all);
                } else if (inventory.hasGroup(item)) {
                    wanted.addAll(inventory.hostsOf(item));
                } else if (all.contains(item)) {
                    wanted.add(item);
                }
            }
            List<String> ordered = new ArrayList<>(all);
            ordered.retainAll(wanted);
            return ordered;
        }
    }

    private Optional<LabFault> containerFault(FaultType type, String host, String container) {
        return holds(type, host + "/" + container, container);
    }

    private List<String> faultLogLines(String host, String container, String ts) {
        return containerFault(FaultType.CONTAINER_ERRORS, host, container)
                .map(f -> List.of(
                        ts + " 7 ERROR " + container.replace('_', '.') + " [-] " + f.messageOr(DEFAULT_CONTAINER_ERROR),
                        ts + " 7 WARNING " + container.replace('_', '.') + " [-] retrying in 2 seconds",
                        ts + " 7 ERROR " + container.replace('_', '.') + " [-] " + f.messageOr(DEFAULT_CONTAINER_ERROR)))
                .orElse(List.of());
    }

    /**
     * {@code docker restart <container>} on a node: the container runs again unless its cause persists (nova_compute of a
     * hypervisor that is down keeps restarting; a container-exited fault on every node is not a fault of this node only).
     *
     * @throws LabException (CONFLICT) when the node cannot be reached, (NOT_FOUND) when it has no such container
     */
    public void restartContainer(String host, String container) {
        synchronized (site) {
            if (containers(host).stream().noneMatch(c -> c.name().equals(container))) {
                throw LabException.notFound("Error response from daemon: No such container: " + container);
            }
            count("restart-container", host + "/" + container);
            site.removeFaults(host + "/" + container, FaultType.CONTAINER_EXITED, FaultType.CONTAINER_ERRORS);
        }
    }

    /**
     * The wsrep status node {@code host} shows ({@code wsrep_cluster_size}, {@code wsrep_cluster_status},
     * {@code wsrep_local_state_comment}): the cluster is the mariadb hosts of the inventory whose mariadb runs and that have
     * not left it (fault galera-node-out); a node that left it sees only itself, non-Primary.
     */
    public Map<String, String> wsrepStatus(String host) {
        synchronized (site) {
            List<String> members = inventoryHosts(inventoryPath, "mariadb").stream().filter(h -> !holdsExactly(FaultType.GALERA_NODE_OUT, h))
                    .filter(h -> site.reachable(h) && containers(h).stream().anyMatch(c -> c.name().equals("mariadb") && c.running())).toList();
            boolean in = members.contains(host);
            return Map.of("wsrep_cluster_size", Integer.toString(in ? members.size() : 1), "wsrep_cluster_status", in ? "Primary" : "non-Primary",
                    "wsrep_local_state_comment", in ? "Synced" : "Initialized");
        }
    }
}
