package io.dayshift.lab.model;

import io.dayshift.site.Flavour;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Juju model of a charmed simulated site: its applications, units and machines, charm actions, and what the daily
 * health check reads of it (debug log, the InnoDB cluster's status).
 */
public final class JujuState extends ServiceState {

    private static final Map<String, String> NOVA_VERSIONS = Map.of("2023.1", "27.1.0", "2023.2", "28.0.1", "2024.1", "29.0.1",
            "2024.2", "30.0.0", "2025.1", "31.0.0");

    private static final Comparator<JujuUnit> UNIT_ORDER = Comparator.comparing(JujuUnit::application).thenComparingInt(JujuUnit::number);

    // charmed
    String jujuVersion = "";

    String jujuModel = "";
    final Map<String, JujuApplication> applications = new LinkedHashMap<>();
    final Map<String, JujuUnit> units = new LinkedHashMap<>();
    final Map<String, String> busyMessages = new HashMap<>();
    final Map<String, JujuMachine> jujuMachines = new LinkedHashMap<>();
    final Map<String, Integer> nextUnitNumber = new HashMap<>();
    int nextMachineId;

    JujuState(LabSite site) {
        super(site);
    }

    /** Starts the machines and settles the units whose simulated time is up. */
    void advanceModel() {
        for (JujuMachine jm : List.copyOf(jujuMachines.values())) {
            if (jm.startsAt() != null && reached(jm.startsAt())) {
                jujuMachines.put(jm.id(), jm.with(JujuStatus.of("started"), new JujuStatus("running", "Deployed"), null));
            }
        }
        for (JujuUnit unit : unitsInOrder()) {
            if (unit.busyUntil() != null && reached(unit.busyUntil()) && machineStarted(unit.machine())) {
                units.put(unit.name(), unit.with(unit.workload(), unit.agent(), null));
                busyMessages.remove(unit.name());
                settleUnit(unit);
            }
        }
    }

    /** Units in Juju's order: by application, then by number. */
    List<JujuUnit> unitsInOrder() {
        return units.values().stream().sorted(UNIT_ORDER).toList();
    }

    /** Machines in Juju's order ({@code 0}, {@code 0/lxd/0}, {@code 1}, … {@code 10}). */
    List<JujuMachine> machinesInOrder() {
        return jujuMachines.values().stream().sorted(Comparator.comparing(JujuMachine::id, JujuState::compareMachineIds)).toList();
    }

    public String jujuVersion() {
        synchronized (site) {
            return jujuVersion;
        }
    }

    public String jujuModel() {
        synchronized (site) {
            return jujuModel;
        }
    }

    public List<JujuApplication> applications() {
        synchronized (site) {
            return List.copyOf(applications.values());
        }
    }

    public Optional<JujuApplication> application(String app) {
        synchronized (site) {
            return Optional.ofNullable(applications.get(app));
        }
    }

    /** Every unit, subordinates included, with its status as shown now. */
    public List<JujuUnit> units() {
        synchronized (site) {
            advance();
            return unitsInOrder().stream().map(this::view).toList();
        }
    }

    public Optional<JujuUnit> unit(String unit) {
        synchronized (site) {
            advance();
            return Optional.ofNullable(units.get(unit)).map(this::view);
        }
    }

    public List<JujuMachine> jujuMachines() {
        synchronized (site) {
            advance();
            return machinesInOrder();
        }
    }

    private boolean machineStarted(String machineId) {
        JujuMachine jm = jujuMachines.get(machineId);
        return jm != null && jm.startsAt() == null && jm.jujuStatus().current().equals("started");
    }

    private JujuUnit view(JujuUnit unit) {
        JujuMachine machine = jujuMachines.get(unit.machine());
        String host = machine == null ? "" : jujuMachines.getOrDefault(machine.hostMachine(), machine).hostname();
        if (!host.isEmpty() && site.hostDown(host)) {
            return unit.with(new JujuStatus("unknown", "agent lost, see 'juju show-status-log " + unit.name() + "'"), JujuStatus.of("lost"),
                    unit.busyUntil());
        }
        Optional<LabFault> error = holds(FaultType.UNIT_ERROR, unit.name(), unit.application());
        if (error.isPresent()) {
            return unit.with(new JujuStatus("error", error.get().messageOr("hook failed: \"config-changed\"")), JujuStatus.of("idle"),
                    unit.busyUntil());
        }
        if (unit.busyUntil() != null) {
            if (!machineStarted(unit.machine())) {
                return unit.with(new JujuStatus("waiting", "waiting for machine"), JujuStatus.of("allocating"), unit.busyUntil());
            }
            return unit.with(new JujuStatus("maintenance", busyMessages.getOrDefault(unit.name(), "installing charm software")),
                    JujuStatus.of("executing"), unit.busyUntil());
        }
        if (site.flavour == Flavour.CHARMED) {
            Optional<LabFault> precheck = holds(FaultType.PRECHECK_FAILS);
            if (precheck.isPresent() && unit.application().equals(precheck.get().target().isEmpty() ? "vault" : precheck.get().target())) {
                return unit.with(new JujuStatus("blocked", precheck.get().messageOr("Unit is sealed")), JujuStatus.of("idle"), null);
            }
        }
        return unit;
    }

    /**
     * {@code juju add-machine --constraints tags=<tag>}: a Ready MAAS machine carrying every tag is allocated and deployed
     * to Juju; the machine is pending until the MAAS deployment ends. Without such a machine it shows a provisioning error.
     */
    public JujuMachine addJujuMachine(List<String> tags) {
        synchronized (site) {
            advance();
            String constraints = jujuConstraints(tags);
            return newJujuMachine(constraints, site.maas().findAllocatable(tags, "", ""),
                    "('agent_name', ['" + uuid("agent", site.name) + "']), ('tags', " + tags.stream().map(t -> "'" + t + "'").toList() + ")", constraints);
        }
    }

    /** {@code juju add-unit <app> --to <machine>}: the unit (and units of the application's subordinates) become active/idle after the machine started and {@link LabOperation#UNIT_ACTIVE}. */
    public JujuUnit addUnit(String application, String machineId) {
        synchronized (site) {
            advance();
            JujuApplication app = existingApplication(application);
            if (app.subordinate()) {
                throw LabException.badRequest("cannot add unit to application \"" + application + "\": application is a subordinate");
            }
            JujuMachine machine = jujuMachines.get(machineId);
            if (machine == null) {
                throw LabException.notFound("machine " + machineId + " not found");
            }
            count("juju-add-unit", application);
            Instant from = machine.startsAt() != null && machine.startsAt().isAfter(now()) ? machine.startsAt() : now();
            Instant ready = site.dueFrom(from, LabOperation.UNIT_ACTIVE, application + "/" + machineId);
            boolean provisioningFailed = machine.machineStatus().current().equals("provisioning error");
            Instant busy = provisioningFailed ? Instant.MAX : ready;
            JujuUnit unit = newUnit(app, machineId, "", busy);
            for (JujuApplication sub : applications.values()) {
                if (sub.subordinateTo().contains(application)) {
                    newUnit(sub, machineId, unit.name(), busy);
                }
            }
            return view(unit);
        }
    }

    JujuUnit newUnit(JujuApplication app, String machineId, String principal, Instant busyUntil) {
        int number = nextUnitNumber.merge(app.name(), 1, Integer::sum) - 1;
        String unitName = app.name() + "/" + number;
        boolean leader = units.values().stream().noneMatch(u -> u.application().equals(app.name()));
        JujuMachine machine = jujuMachines.get(machineId);
        JujuUnit unit = new JujuUnit(unitName, app.name(), machineId, new JujuStatus("active", readyMessage(app)), JujuStatus.of("idle"), leader,
                machine == null ? "" : machine.address(), principal, busyUntil);
        units.put(unitName, unit);
        return unit;
    }

    private static String readyMessage(JujuApplication app) {
        return switch (app.charm()) {
            case "mysql-innodb-cluster" -> "Unit is ready: Mode: R/W, Cluster is ONLINE and can tolerate up to ONE failure.";
            case "vault" -> "Unit is ready (active: true, mlock: disabled)";
            case "ceph-mon" -> "Unit is ready and clustered";
            case "ceph-osd" -> "Unit is ready (1 OSD)";
            case "ovn-chassis", "ovn-central" -> "Unit is ready";
            default -> "Unit is ready";
        };
    }

    private void settleUnit(JujuUnit unit) {
        JujuApplication app = applications.get(unit.application());
        if (app != null && app.charm().equals("nova-compute") && !unit.subordinate()) {
            JujuMachine jm = jujuMachines.get(unit.machine());
            if (jm != null && !jm.hostname().isEmpty()) {
                site.nova().ensureHypervisor(jm.hostname());
            }
        }
    }

    /** {@code juju remove-unit}: the unit and its subordinates go; returns false when it did not exist. */
    public boolean removeUnit(String unit) {
        synchronized (site) {
            advance();
            if (!units.containsKey(unit)) {
                return false;
            }
            count("juju-remove-unit", unit);
            units.remove(unit);
            units.values().removeIf(u -> u.principal().equals(unit));
            return true;
        }
    }

    /** {@code juju refresh --channel}: new channel and revision; the units execute for {@link LabOperation#CHARM_REFRESH}. */
    public JujuApplication refresh(String application, String channel) {
        synchronized (site) {
            advance();
            JujuApplication app = existingApplication(application);
            count("juju-refresh", application);
            int revision = app.revision() + 1;
            Matcher m = Pattern.compile("-(\\d+)$").matcher(app.canUpgradeTo());
            if (channel.equals(app.channel()) && m.find()) {
                revision = Integer.parseInt(m.group(1));
            } else if (!channel.equals(app.channel())) {
                revision = app.revision() + 17;
            }
            applications.put(application, app.refreshed(channel, revision, app.workloadVersion()));
            Instant until = due(LabOperation.CHARM_REFRESH, application);
            for (JujuUnit u : List.copyOf(units.values())) {
                if (u.application().equals(application)) {
                    units.put(u.name(), u.with(u.workload(), u.agent(), until));
                    busyMessages.put(u.name(), "Running openstack upgrade on charm refresh");
                }
            }
            return applications.get(application);
        }
    }

    private JujuApplication existingApplication(String application) {
        JujuApplication app = applications.get(application);
        if (app == null) {
            throw LabException.notFound("application \"" + application + "\" not found");
        }
        return app;
    }

    public Map<String, String> config(String application) {
        synchronized (site) {
            return existingApplication(application).config();
        }
    }

    public void setConfig(String application, String key, String value) {
        synchronized (site) {
            JujuApplication app = existingApplication(application);
            count("juju-config", application);
            Map<String, String> config = new TreeMap<>(app.config());
            config.put(key, value);
            applications.put(application, app.withConfig(config));
        }
    }

    /**
     * Runs a charm action on a unit and returns its result at once; the caller decides how long it is shown to take
     * ({@link LabOperation#CHARM_ACTION}). Actions: pause, resume, openstack-upgrade, disable, enable (nova-compute),
     * instance-count (nova-compute), mysqldump (mysql-innodb-cluster).
     *
     * @throws LabException (BAD_REQUEST) for an action the unit's charm does not define, worded like Juju
     */
    public ActionOutcome runAction(String unitName, String action, Map<String, String> params) {
        synchronized (site) {
            advance();
            JujuUnit unit = units.get(unitName);
            if (unit == null) {
                throw LabException.notFound("unit \"" + unitName + "\" not found");
            }
            JujuApplication app = applications.get(unit.application());
            String charm = app.charm();
            String id = Integer.toString(site.nextSequence());
            String host = hostOfUnit(unit);
            Map<String, String> results = new LinkedHashMap<>();
            if (CharmCatalogue.refuses(charm, action)) {
                throw LabException.badRequest("action \"" + action + "\" not defined on unit \"" + unitName + "\"");
            }
            switch (action) {
                case "restart-services" -> { // sev1-incident: the charm's own restart, as charm-rabbitmq-server's actions.py does it
                    String services = params.getOrDefault("services", "").strip();
                    if (services.isEmpty() == !Boolean.parseBoolean(params.getOrDefault("deferred-only", "false"))) {
                        return new ActionOutcome(id, unitName, action, "failed", services.isEmpty() ? "Please specify deferred-only or services"
                                : "Cannot set deferred-only and services", Map.of(), 0, "", "");
                    }
                    for (String service : services.isEmpty() ? new String[0] : services.split("\\s+")) {
                        if (!CharmCatalogue.hasService(charm, service)) {
                            return new ActionOutcome(id, unitName, action, "failed", "Failed to restart " + service + ".service: Unit " + service
                                    + ".service not found.", Map.of(), 0, "", "");
                        }
                    }
                    count("juju-action-restart-services", unitName);
                }
                case "pause" -> {
                    count("juju-action-pause", unitName);
                    units.put(unitName, unit.with(new JujuStatus("maintenance", "Paused. Use 'resume' action to resume normal service."), unit.agent(),
                            unit.busyUntil()));
                }
                case "resume" -> {
                    count("juju-action-resume", unitName);
                    units.put(unitName, unit.with(new JujuStatus("active", readyMessage(app)), unit.agent(), unit.busyUntil()));
                }
                case "openstack-upgrade" -> {
                    count("juju-action-openstack-upgrade", unitName);
                    Optional<LabFault> fault = fire(FaultType.UPGRADE_FAILS, host, unitName, unit.application());
                    if (fault.isPresent()) {
                        return new ActionOutcome(id, unitName, action, "failed", fault.get().messageOr("openstack-upgrade failed on " + host
                                + ": dpkg: error processing package " + charm + "-common (--configure)"), Map.of(), 1, "", "");
                    }
                    String track = app.channel().contains("/") ? app.channel().substring(0, app.channel().indexOf('/')) : "";
                    applications.put(app.name(), app.refreshed(app.channel(), app.revision(), NOVA_VERSIONS.getOrDefault(track, app.workloadVersion())));
                    results.put("outcome", "success, upgrade completed");
                }
                case "disable", "enable" -> {
                    requireCharm(charm, "nova-compute", unitName, action);
                    count("juju-action-" + action, unitName);
                    site.nova().setServiceEnabled(host, action.equals("enable"), action.equals("disable") ? "disabled by juju action on " + unitName : "");
                }
                case "instance-count" -> {
                    requireCharm(charm, "nova-compute", unitName, action);
                    results.put("instance-count", Integer.toString(site.nova().instancesOnHost(host).size()));
                }
                case "mysqldump" -> {
                    requireCharm(charm, "mysql-innodb-cluster", unitName, action);
                    count("juju-action-mysqldump", unitName);
                    Optional<LabFault> fault = fire(FaultType.BACKUP_FAILS);
                    if (fault.isPresent()) {
                        return new ActionOutcome(id, unitName, action, "failed", fault.get().messageOr("mysqldump failed: Command '['/usr/bin/mysqldump', "
                                + "'-u', 'root', '--single-transaction']' returned non-zero exit status 2."), Map.of(), 0, "", "");
                    }
                    String file = "/var/backups/mysql/mysqldump-" + params.getOrDefault("databases", "all").replace(',', '-') + "-"
                            + LabSite.STAMP.format(now()) + ".gz";
                    Backup b = site.backup().addBackup("mysqldump", host, file, 48_213_504L);
                    site.kolla().put(file, new LabFile("mysqldump archive " + b.sha256() + "\n-- Dump completed on " + LabSite.STAMP.format(now()) + "\n", b.sizeBytes()));
                    results.put("mysqldump-file", file);
                }
                case "restore-mysqldump" -> { // dr-restore
                    requireCharm(charm, "mysql-innodb-cluster", unitName, action);
                    count("juju-action-restore-mysqldump", unitName);
                    String file = params.getOrDefault("dump-file", "");
                    Optional<LabFault> fault = fire(FaultType.RESTORE_FAILS);
                    if (fault.isPresent() || !site.kolla().files.containsKey(file)) {
                        return new ActionOutcome(id, unitName, action, "failed", fault.map(f -> f.messageOr("restore-mysqldump failed: Command "
                                + "'/usr/bin/mysql -u root' returned non-zero exit status 1: ERROR 2013 (HY000) at line 4711: Lost connection to server during query"))
                                .orElse("restore-mysqldump failed: [Errno 2] No such file or directory: '" + file + "'"), Map.of(), 0, "", "");
                    }
                    String content = site.kolla().files.get(file).content();
                    String taken = site.backup().backups.stream().filter(bk -> content.contains(bk.sha256())).map(Backup::location).findFirst().orElse(file);
                    site.backup().restoredRows = site.backup().rowsOf(taken); // the dump's own backup, wherever it was copied to
                    results.put("outcome", "Restore of " + file + " succeeded");
                }
                case "cluster-status" -> { // daily health check: the InnoDB cluster as MySQL Shell's cluster.status() tells it
                    requireCharm(charm, "mysql-innodb-cluster", unitName, action);
                    results.put("cluster-status", innodbClusterStatus(app.name()));
                }
                default -> throw LabException.badRequest("action \"" + action + "\" not defined on unit \"" + unitName + "\"");
            }
            return new ActionOutcome(id, unitName, action, "completed", "", results, 0, "", "");
        }
    }

    private static void requireCharm(String charm, String wanted, String unit, String action) {
        if (!charm.equals(wanted)) {
            throw LabException.badRequest("action \"" + action + "\" not defined on unit \"" + unit + "\"");
        }
    }

    private String hostOfUnit(JujuUnit unit) {
        JujuMachine m = jujuMachines.get(unit.machine());
        if (m == null) {
            return "";
        }
        JujuMachine host = jujuMachines.getOrDefault(m.hostMachine(), m);
        return host.hostname();
    }

    /** {@code juju create-backup --filename <file>}: the archive lands in the jump host's files. */
    public Backup createControllerBackup(String file) {
        synchronized (site) {
            advance();
            count("juju-create-backup", file);
            fire(FaultType.BACKUP_FAILS).ifPresent(f -> {
                throw LabException.conflict(f.messageOr("while creating backup: backup failed: mongodump: connection refused"));
            });
            Backup b = site.backup().addBackup("juju-controller", "jump", file, 31_457_280L);
            site.kolla().put(file, new LabFile("juju-backup/metadata.json " + b.sha256(), b.sizeBytes()));
            return b;
        }
    }

    public boolean hasVault() {
        synchronized (site) {
            return applications.containsKey("vault");
        }
    }

    /**
     * {@code juju add-machine <node> --constraints tags=<tags>}: MAAS machine {@code node} (host name or system id) is
     * allocated and deployed to Juju when it is Ready and carries every tag; otherwise the machine shows MAAS's refusal
     * as a provisioning error, as Juju does.
     */
    public JujuMachine addJujuMachineOn(String node, List<String> tags) {
        synchronized (site) {
            advance();
            String constraints = jujuConstraints(tags);
            Optional<MaasMachine> named = site.maas().machines.values().stream().filter(m -> m.hostname().equals(node) || m.systemId().equals(node)).findFirst();
            String wanted = "('name', ['" + node + "'])" + (tags.isEmpty() ? "" : ", ('tags', " + tags.stream().map(t -> "'" + t + "'").toList() + ")");
            return newJujuMachine(constraints, named.flatMap(m -> site.maas().findAllocatable(tags, m.systemId(), "")), wanted,
                    "name=" + node + (constraints.isEmpty() ? "" : " " + constraints));
        }
    }

    private static String jujuConstraints(List<String> tags) {
        return tags.isEmpty() ? "" : "tags=" + String.join(",", tags);
    }

    /**
     * A new Juju machine: on {@code free}, which is allocated and deployed to Juju, or, without one, pending with MAAS's
     * refusal as its provisioning error, worded like Juju ({@code wanted}: the constraints as MAAS got them,
     * {@code resolved}: as Juju resolved them).
     */
    private JujuMachine newJujuMachine(String constraints, Optional<MaasMachine> free, String wanted, String resolved) {
        count("juju-add-machine", constraints);
        String id = Integer.toString(nextMachineId++);
        JujuMachine jm;
        if (free.isPresent()) {
            MaasMachine m = free.get();
            site.maas().allocated(m, "juju");
            MaasMachine deploying = site.maas().deploy(m.systemId(), "jammy", "juju");
            jm = new JujuMachine(id, m.systemId(), m.hostname(), m.zone(), m.ipAddresses().isEmpty() ? "" : m.ipAddresses().get(0), constraints,
                    m.cpuCount(), m.memoryMib(), JujuStatus.of("pending"), new JujuStatus("allocating", "Deploying: ubuntu/amd64/ga-22.04/jammy"),
                    deploying.pendingUntil());
        } else {
            jm = new JujuMachine(id, "", "", "", "", constraints, 0, 0, JujuStatus.of("pending"), new JujuStatus("provisioning error",
                    "No available machine matches constraints: [" + wanted + "] (resolved to \"" + resolved + "\")"), null);
        }
        jujuMachines.put(id, jm);
        return jm;
    }

    /**
     * {@code juju remove-machine <id>}: an empty machine leaves the model and Juju releases its MAAS machine.
     *
     * @return false when there is no such machine
     * @throws LabException (BAD_REQUEST) when a unit is still assigned to it, worded like Juju
     */
    public boolean removeJujuMachine(String machineId) {
        synchronized (site) {
            advance();
            JujuMachine jm = jujuMachines.get(machineId);
            if (jm == null) {
                return false;
            }
            Optional<JujuUnit> assigned = unitsInOrder().stream().filter(u -> u.machine().equals(machineId) && u.principal().isEmpty()).findFirst();
            if (assigned.isPresent()) {
                throw LabException.badRequest("cannot remove machine " + machineId + ": machine " + machineId + " has unit \"" + assigned.get().name()
                        + "\" assigned");
            }
            count("juju-remove-machine", machineId);
            jujuMachines.remove(machineId);
            if (!jm.instanceId().isEmpty() && site.maas().machines.containsKey(jm.instanceId())) {
                site.maas().release(jm.instanceId());
            }
            return true;
        }
    }

    /**
     * {@code nova-manage cell_v2 discover_hosts --verbose} run on unit {@code unit} through juju exec: only the
     * nova-cloud-controller's machines have nova-manage (elsewhere the shell's 127); a lost unit does not answer.
     */
    public String discoverHostsOn(String unit) {
        synchronized (site) {
            JujuUnit u = unit(unit).orElseThrow(() -> LabException.notFound("ERROR unit \"" + unit + "\" not found"));
            if (u.agent().current().equals("lost")) {
                throw LabException.conflict("ERROR timed out waiting for results from: unit " + unit);
            }
            if (!applications.get(u.application()).charm().equals("nova-cloud-controller")) {
                throw LabException.notFound("bash: line 1: nova-manage: command not found");
            }
            count("juju-exec-discover-hosts", unit);
            return site.nova().discoverHosts();
        }
    }

    /**
     * {@code systemctl restart <service>} on a unit's machine through Juju: refused for an unknown unit, for a unit whose
     * machine is down (Juju waits for the agent in vain), and for a service the unit's charm does not have (systemd's "Unit
     * X.service not found."). A service restart does not clear a hook error.
     *
     * @throws LabException (NOT_FOUND) for an unknown unit or service, (CONFLICT) when its agent is lost
     */
    public void restartUnitService(String unit, String service) {
        synchronized (site) {
            JujuUnit u = unit(unit).orElseThrow(() -> LabException.notFound("ERROR unit \"" + unit + "\" not found"));
            if (u.agent().current().equals("lost")) {
                throw LabException.conflict("ERROR timed out waiting for results from: unit " + unit);
            }
            if (!CharmCatalogue.hasService(applications.get(u.application()).charm(), service)) {
                throw LabException.notFound("Failed to restart " + service + (service.contains(".") ? "" : ".service") + ": Unit "
                        + service + (service.contains(".") ? "" : ".service") + " not found.");
            }
            count("restart-unit-service", unit + "/" + service);
        }
    }

    /**
     * What {@code juju debug-log --no-tail --level <level> --limit <limit>} prints: the lines of each unit at that level or above,
     * oldest first, at most {@code limit} of the newest. The units log INFO lines; a unit-log-errors fault adds ERROR lines,
     * a unit in error its hook failure.
     */
    public List<String> jujuDebugLog(String level, int limit) {
        synchronized (site) {
            advance();
            boolean errorsOnly = level.equalsIgnoreCase("ERROR") || level.equalsIgnoreCase("CRITICAL");
            String time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(now());
            List<String> lines = new ArrayList<>();
            for (JujuUnit unit : units()) {
                String entity = "unit-" + unit.name().replace('/', '-');
                if (!errorsOnly) {
                    lines.add(entity + ": " + time + " INFO juju.worker.uniter.operation ran \"update-status\" hook (via hook dispatching script: dispatch)");
                }
                holds(FaultType.UNIT_LOG_ERRORS, unit.name(), unit.application()).ifPresent(f -> lines.add(entity + ": " + time + " ERROR unit."
                        + unit.name() + ".juju-log " + f.messageOr("Hook error:\nkeystoneauth1.exceptions.connection.ConnectFailure: Unable to establish "
                        + "connection to http://10.20.0.240:5000/v3/auth/tokens").lines().findFirst().orElse("")));
                if (unit.workload().current().equals("error")) {
                    lines.add(entity + ": " + time + " ERROR juju.worker.uniter.operation hook \"" + unit.workload().message()
                            .replaceAll("^hook failed: \"(.*)\"$", "$1") + "\" (via hook dispatching script: dispatch) failed: exit status 1");
                }
            }
            return lines.subList(Math.max(0, lines.size() - (limit <= 0 ? lines.size() : limit)), lines.size());
        }
    }

    private String innodbClusterStatus(String application) {
        List<JujuUnit> members = units().stream().filter(u -> u.application().equals(application)).toList();
        long missing = members.stream().filter(u -> holds(FaultType.GALERA_NODE_OUT, u.name(), hostOfUnit(u)).isPresent()
                || u.agent().current().equals("lost")).count();
        int tolerates = (int) ((members.size() - 1) / 2 - missing);
        String status = missing == 0 ? (tolerates > 0 ? "OK" : "OK_NO_TOLERANCE") : members.size() - missing > members.size() / 2
                ? (tolerates > 0 ? "OK_PARTIAL" : "OK_NO_TOLERANCE_PARTIAL") : "NO_QUORUM";
        String text = switch (status) {
            case "OK" -> "Cluster is ONLINE and can tolerate up to " + (tolerates == 1 ? "ONE failure." : tolerates + " failures.");
            case "NO_QUORUM" -> "Cluster has no quorum as visible from '" + members.get(0).publicAddress() + ":3306' and cannot process write "
                    + "transactions. " + missing + " members are not active.";
            default -> "Cluster is NOT tolerant to any failures. " + missing + " member" + (missing == 1 ? " is" : "s are") + " not active.";
        };
        StringBuilder topology = new StringBuilder();
        for (JujuUnit u : members) {
            boolean out = holds(FaultType.GALERA_NODE_OUT, u.name(), hostOfUnit(u)).isPresent() || u.agent().current().equals("lost");
            String address = u.publicAddress() + ":3306";
            topology.append(topology.isEmpty() ? "" : ", ").append("\"").append(address).append("\": {\"address\": \"").append(address)
                    .append("\", \"memberRole\": \"").append(u.number() == 0 ? "PRIMARY" : "SECONDARY").append("\", \"mode\": \"")
                    .append(out ? "n/a" : u.number() == 0 ? "R/W" : "R/O").append("\", \"role\": \"HA\", \"status\": \"")
                    .append(out ? "(MISSING)" : "ONLINE").append("\"}");
        }
        return "{\"clusterName\": \"jujuCluster\", \"defaultReplicaSet\": {\"name\": \"default\", \"primary\": \"" + members.get(0).publicAddress()
                + ":3306\", \"ssl\": \"REQUIRED\", \"status\": \"" + status + "\", \"statusText\": \"" + text + "\", \"topology\": {" + topology
                + "}, \"topologyMode\": \"Single-Primary\"}, \"groupInformationSourceMember\": \"" + members.get(0).publicAddress() + ":3306\"}";
    }

    private static int compareMachineIds(String a, String b) {
        String[] pa = a.split("/");
        String[] pb = b.split("/");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            int c = i % 2 == 1 ? pa[i].compareTo(pb[i]) : Integer.compare(Integer.parseInt(pa[i]), Integer.parseInt(pb[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    }
}
