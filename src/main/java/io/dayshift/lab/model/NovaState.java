package io.dayshift.lab.model;

import io.dayshift.site.Flavour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Nova and Placement of a simulated site: hypervisors and their compute services, flavors, instances, server groups,
 * aggregates, migrations, the cell's host mappings, and the images servers boot from; the scheduler and the checks Nova
 * makes in front of a move (worded as Nova words them).
 */
public final class NovaState extends ServiceState {

    private static final String NO_VALID_HOST = "No valid host was found. There are not enough hosts available.";

    double[] defaultRatios = {4.0, 1.0, 1.0};
    final Map<String, Hypervisor> hypervisors = new LinkedHashMap<>();
    final Map<String, Flavor> flavors = new LinkedHashMap<>();
    final Map<String, Instance> instances = new LinkedHashMap<>();
    final Map<String, ServerGroup> serverGroups = new LinkedHashMap<>();
    final List<HostAggregate> aggregates = new ArrayList<>();
    final List<Migration> migrations = new ArrayList<>();
    final Map<String, InstanceStatus> statusBeforeResize = new HashMap<>();
    final Map<String, Instant> buildsUntil = new HashMap<>();
    final Map<String, String> imageOfInstance = new HashMap<>();
    final Map<String, LabImage> images = new LinkedHashMap<>();
    final Set<String> hostMappings = new LinkedHashSet<>();

    NovaState(LabSite site) {
        super(site);
    }

    /** Ends every migration whose simulated time is up. */
    void advanceMigrations() {
        for (int i = 0; i < migrations.size(); i++) {
            Migration m = migrations.get(i);
            if (m.inProgress() && reached(m.finishesAt())) {
                migrations.set(i, finishMigration(m));
            }
        }
    }

    public List<Hypervisor> hypervisors() {
        synchronized (site) {
            advance();
            return hypervisors.values().stream().map(this::view).toList();
        }
    }

    public Optional<Hypervisor> hypervisor(String hostname) {
        synchronized (site) {
            advance();
            return Optional.ofNullable(hypervisors.get(hostname)).map(this::view);
        }
    }

    private Hypervisor view(Hypervisor h) {
        return h.withUp(h.up() && !h.forcedDown() && !site.hostDown(h.hostname()));
    }

    Hypervisor requireHypervisor(String host) {
        Hypervisor h = hypervisors.get(host);
        if (h == null) {
            throw LabException.notFound("Compute host " + host + " could not be found.");
        }
        return h;
    }

    /** What a hypervisor's instances use, and what is left under its allocation ratios. */
    public HypervisorUsage usage(String hostname) {
        synchronized (site) {
            advance();
            return usageOf(requireHypervisor(hostname));
        }
    }

    private HypervisorUsage usageOf(Hypervisor h) {
        List<Instance> placed = new ArrayList<>(instancesOnHost(h.hostname()));
        for (Migration m : migrations) {
            if (m.inProgress() && m.destHost().equals(h.hostname()) && instances.containsKey(m.instanceId())) {
                placed.add(instances.get(m.instanceId()));
            }
        }
        long cpu = placed.stream().mapToLong(i -> i.flavor().vcpus()).sum();
        long ram = placed.stream().mapToLong(i -> i.flavor().ramMib()).sum();
        if (holdsExactly(FaultType.ORPHANED_ALLOCATION, h.hostname())) {
            ram = Math.max(ram, h.schedulableRamMib() * 85 / 100);
        }
        long disk = placed.stream().mapToLong(i -> i.flavor().diskGib()).sum();
        return new HypervisorUsage(h.hostname(), placed.size(), cpu, ram, disk, h.schedulableVcpus() - cpu, h.schedulableRamMib() - ram,
                h.schedulableDiskGib() - disk);
    }

    /** Enables or disables a host's nova-compute service (a charm action does it on a charmed site), its forced-down flag kept. */
    void setServiceEnabled(String host, boolean enabled, String reason) {
        Hypervisor h = requireHypervisor(host);
        hypervisors.put(host, h.withService(enabled, reason, h.forcedDown()));
    }

    public Hypervisor disableComputeService(String host, String reason) {
        synchronized (site) {
            advance();
            Hypervisor h = requireHypervisor(host);
            count("disable-compute-service", host);
            hypervisors.put(host, h.withService(false, reason == null ? "" : reason, h.forcedDown()));
            return view(hypervisors.get(host));
        }
    }

    public Hypervisor enableComputeService(String host) {
        synchronized (site) {
            advance();
            Hypervisor h = requireHypervisor(host);
            count("enable-compute-service", host);
            hypervisors.put(host, h.withService(true, "", h.forcedDown()));
            return view(hypervisors.get(host));
        }
    }

    /** Sets or clears {@code forced_down} of a host's nova-compute service (before an evacuation). */
    public Hypervisor forceDownComputeService(String host, boolean forcedDown) {
        synchronized (site) {
            advance();
            Hypervisor h = requireHypervisor(host);
            count(forcedDown ? "force-down-compute-service" : "unset-force-down-compute-service", host);
            hypervisors.put(host, h.withService(h.enabled(), h.disabledReason(), forcedDown));
            return view(hypervisors.get(host));
        }
    }

    public List<Flavor> flavors() {
        synchronized (site) {
            return List.copyOf(flavors.values());
        }
    }

    public List<ServerGroup> serverGroups() {
        synchronized (site) {
            return List.copyOf(serverGroups.values());
        }
    }

    public List<HostAggregate> aggregates() {
        synchronized (site) {
            return List.copyOf(aggregates);
        }
    }

    public List<Instance> instances() {
        synchronized (site) {
            advance();
            return List.copyOf(instances.values());
        }
    }

    public Optional<Instance> instance(String id) {
        synchronized (site) {
            advance();
            return Optional.ofNullable(instances.get(id));
        }
    }

    public List<Instance> instancesOn(String host) {
        synchronized (site) {
            advance();
            return instancesOnHost(host);
        }
    }

    List<Instance> instancesOnHost(String host) {
        return instances.values().stream().filter(i -> host.equals(i.host())).toList();
    }

    private Instance requireInstance(String id) {
        Instance i = instances.get(id);
        if (i == null) {
            throw LabException.notFound("Instance " + id + " could not be found.");
        }
        return i;
    }

    public List<Migration> migrations() {
        synchronized (site) {
            advance();
            return List.copyOf(migrations);
        }
    }

    /**
     * Starts a live migration to {@code targetHost}, or to a host the scheduler picks when it is null or empty. The
     * instance is MIGRATING until {@link LabOperation#LIVE_MIGRATION} has passed, then ACTIVE on the target (or, under a
     * {@link FaultType#LIVE_MIGRATION_FAILS} fault, ACTIVE where it was, the migration in error).
     */
    public Migration startLiveMigration(String serverId, String targetHost) {
        synchronized (site) {
            advance();
            Instance i = requireInstance(serverId);
            if (i.status() != InstanceStatus.ACTIVE && i.status() != InstanceStatus.PAUSED) {
                throw LabException.conflict("Cannot 'os-migrateLive' instance " + i.id() + " while it is in vm_state " + vmState(i));
            }
            checkSourceUp(i);
            Hypervisor target = schedule(i, targetHost);
            count("live-migration", serverId);
            boolean failing = fire(FaultType.LIVE_MIGRATION_FAILS, i.id(), i.name()).isPresent();
            instances.put(i.id(), i.moved(i.host(), i.zone(), InstanceStatus.MIGRATING, "migrating"));
            Migration m = new Migration(migrations.size() + 1, i.id(), "live-migration", i.host(), target.hostname(), "running", now(),
                    due(LabOperation.LIVE_MIGRATION, i.id()), failing);
            migrations.add(m);
            return m;
        }
    }

    /** Starts a cold migration (ACTIVE or SHUTOFF instances): RESIZE now, VERIFY_RESIZE on the target later, until {@link #confirmResize}. */
    public Migration startColdMigration(String serverId, String targetHost) {
        synchronized (site) {
            advance();
            Instance i = requireInstance(serverId);
            if (i.status() != InstanceStatus.ACTIVE && i.status() != InstanceStatus.SHUTOFF) {
                throw LabException.conflict("Cannot 'migrate' instance " + i.id() + " while it is in vm_state " + vmState(i));
            }
            Hypervisor target = schedule(i, targetHost);
            count("cold-migration", serverId);
            boolean failing = fire(FaultType.LIVE_MIGRATION_FAILS, i.id(), i.name()).isPresent();
            statusBeforeResize.put(i.id(), i.status());
            instances.put(i.id(), i.moved(i.host(), i.zone(), InstanceStatus.RESIZE, "resize_migrating"));
            Migration m = new Migration(migrations.size() + 1, i.id(), "migration", i.host(), target.hostname(), "running", now(),
                    due(LabOperation.COLD_MIGRATION, i.id()), failing);
            migrations.add(m);
            return m;
        }
    }

    public Instance confirmResize(String serverId) {
        synchronized (site) {
            advance();
            Instance i = requireInstance(serverId);
            if (i.status() != InstanceStatus.VERIFY_RESIZE) {
                throw LabException.conflict("Cannot 'confirmResize' instance " + i.id() + " while it is in vm_state " + vmState(i));
            }
            count("confirm-resize", serverId);
            InstanceStatus before = statusBeforeResize.getOrDefault(i.id(), InstanceStatus.ACTIVE);
            Instance confirmed = i.moved(i.host(), i.zone(), before, "");
            instances.put(i.id(), confirmed);
            for (int k = 0; k < migrations.size(); k++) {
                Migration m = migrations.get(k);
                if (m.instanceId().equals(i.id()) && m.status().equals("finished")) {
                    migrations.set(k, m.withStatus("confirmed"));
                }
            }
            return confirmed;
        }
    }

    /** Rebuilds an instance of a down host elsewhere (REBUILD now, ACTIVE on the target after {@link LabOperation#EVACUATION}). */
    public Migration evacuate(String serverId, String targetHost) {
        synchronized (site) {
            advance();
            Instance i = requireInstance(serverId);
            Hypervisor source = hypervisors.get(i.host());
            if (source != null && view(source).up()) {
                throw LabException.conflict("Compute service of " + i.host() + " is still in use.");
            }
            Hypervisor target = schedule(i, targetHost);
            count("evacuation", serverId);
            instances.put(i.id(), i.moved(i.host(), i.zone(), InstanceStatus.REBUILD, "rebuild_spawning"));
            Migration m = new Migration(migrations.size() + 1, i.id(), "evacuation", i.host(), target.hostname(), "running", now(),
                    due(LabOperation.EVACUATION, i.id()), false);
            migrations.add(m);
            return m;
        }
    }

    private static String vmState(Instance i) {
        return switch (i.status()) {
            case SHUTOFF -> "stopped";
            case ERROR -> "error";
            case VERIFY_RESIZE -> "resized";
            default -> "active";
        };
    }

    private void checkSourceUp(Instance i) {
        Hypervisor source = hypervisors.get(i.host());
        if (source == null || !view(source).up()) {
            throw LabException.conflict("Compute service of " + i.host() + " is unavailable at this time.");
        }
    }

    /** The scheduler: same availability zone, enabled and up, room under the allocation ratios, server group policy kept. */
    private Hypervisor schedule(Instance i, String targetHost) {
        if (targetHost != null && !targetHost.isEmpty()) {
            Hypervisor target = requireHypervisor(targetHost);
            if (target.hostname().equals(i.host())) {
                throw LabException.badRequest("The target host can't be the same one.");
            }
            String why = refusal(i, target);
            if (why != null) {
                throw LabException.badRequest("No valid host was found. " + why);
            }
            return target;
        }
        return hypervisors.values().stream()
                .filter(h -> !h.hostname().equals(i.host()) && refusal(i, h) == null)
                .max(Comparator.comparingLong((Hypervisor h) -> usageOf(h).ramMibFree()).thenComparing(Hypervisor::hostname, Comparator.reverseOrder()))
                .orElseThrow(() -> LabException.badRequest("No valid host was found. There are not enough hosts available."));
    }

    private String refusal(Instance i, Hypervisor h) {
        if (!h.enabled()) {
            return "Host " + h.hostname() + " is disabled.";
        }
        if (!view(h).up()) {
            return "Host " + h.hostname() + " is down.";
        }
        if (!h.zone().equals(i.zone())) {
            return "Host " + h.hostname() + " is not in availability zone " + i.zone() + ".";
        }
        if (!HostAggregate.admits(i.flavor(), h.hostname(), aggregates)) {
            return "Host " + h.hostname() + " is in no aggregate whose metadata meets flavor " + i.flavor().name() + "'s extra specs.";
        }
        if (!usageOf(h).fits(i.flavor())) {
            return "Host " + h.hostname() + " has not enough free resources for flavor " + i.flavor().name() + ".";
        }
        ServerGroup group = serverGroups.get(i.serverGroupId());
        if (group != null) {
            List<String> memberHosts = instances.values().stream()
                    .filter(o -> !o.id().equals(i.id()) && o.serverGroupId().equals(group.id())).map(Instance::host).toList();
            if (group.policy().equals("anti-affinity") && memberHosts.contains(h.hostname())) {
                return "Host " + h.hostname() + " already runs a member of anti-affinity server group " + group.name() + ".";
            }
            if (group.policy().equals("affinity") && !memberHosts.isEmpty() && !memberHosts.contains(h.hostname())) {
                return "Host " + h.hostname() + " does not run the members of affinity server group " + group.name() + ".";
            }
        }
        return null;
    }

    private Migration finishMigration(Migration m) {
        Instance i = instances.get(m.instanceId());
        if (i == null) {
            return m.withStatus("error");
        }
        if (m.failing()) {
            InstanceStatus back = m.kind().equals("migration") ? statusBeforeResize.getOrDefault(i.id(), InstanceStatus.ACTIVE) : InstanceStatus.ACTIVE;
            instances.put(i.id(), i.moved(i.host(), i.zone(), back, ""));
            return m.withStatus("error");
        }
        String zone = Optional.ofNullable(hypervisors.get(m.destHost())).map(Hypervisor::zone).orElse(i.zone());
        return switch (m.kind()) {
            case "migration" -> {
                instances.put(i.id(), i.moved(m.destHost(), zone, InstanceStatus.VERIFY_RESIZE, ""));
                yield m.withStatus("finished");
            }
            case "evacuation" -> {
                instances.put(i.id(), i.moved(m.destHost(), zone, InstanceStatus.ACTIVE, ""));
                yield m.withStatus("done");
            }
            default -> {
                instances.put(i.id(), i.moved(m.destHost(), zone, InstanceStatus.ACTIVE, ""));
                yield m.withStatus("completed");
            }
        };
    }

    void ensureHypervisor(String host) {
        if (hypervisors.containsKey(host)) {
            return;
        }
        Optional<MaasMachine> machine = site.maas().machines.values().stream().filter(m -> m.hostname().equals(host)).findFirst();
        String zone = machine.map(MaasMachine::zone).or(() -> Optional.ofNullable(site.nodes.get(host)).map(LabNode::zone)).orElse("nova");
        int cpus = machine.map(MaasMachine::cpuCount).orElse(32);
        long ram = machine.map(MaasMachine::memoryMib).orElse(131072L);
        long disk = machine.map(m -> m.storageMb() / 1074).orElse(960L);
        int id = hypervisors.values().stream().mapToInt(Hypervisor::id).max().orElse(0) + 1;
        hypervisors.put(host, new Hypervisor(id, uuid("service", host), host, zone, cpus, ram, disk, defaultRatios[0], defaultRatios[1],
                defaultRatios[2], true, "", false, true));
        if (site.flavour == Flavour.KOLLA) {
            site.neutron().addAgent("Open vSwitch agent", "neutron-openvswitch-agent", host, zone);
        } else {
            site.neutron().addAgent("OVN Controller agent", "ovn-controller", host, zone);
            site.neutron().addAgent("OVN Metadata agent", "neutron-ovn-metadata-agent", host, zone);
        }
    }

    /** Servers in BUILD become ACTIVE once {@link LabOperation#SERVER_BUILD} has passed. */
    void advanceServerBuilds() {
        for (String id : List.copyOf(buildsUntil.keySet())) {
            if (reached(buildsUntil.get(id))) {
                buildsUntil.remove(id);
                Instance i = instances.get(id);
                if (i != null && i.status() == InstanceStatus.BUILD) {
                    instances.put(id, i.moved(i.host(), i.zone(), InstanceStatus.ACTIVE, ""));
                }
            }
        }
    }

    /** Glance's images: a CirrOS and an Ubuntu image, both active and public. */
    public List<LabImage> images() {
        synchronized (site) {
            seedImages();
            return List.copyOf(images.values());
        }
    }

    /** The image a server was booted from (the first image for servers of the topology). */
    public Optional<LabImage> imageOf(String serverId) {
        synchronized (site) {
            seedImages();
            return Optional.ofNullable(images.get(imageOfInstance.getOrDefault(serverId, images.keySet().iterator().next())));
        }
    }

    /** Glance's two public images, seeded at the first look (their time: 400 days before it). */
    void seedImages() {
        if (!images.isEmpty()) {
            return;
        }
        Instant seeded = now().minus(Duration.ofDays(400));
        String admin = site.keystone().adminProjectId();
        images.put(uuid("image", "cirros"), new LabImage(uuid("image", "cirros"), "cirros-0.6.2-x86_64-disk", "active", "public", "qcow2", "bare",
                21430272, admin, seeded));
        images.put(uuid("image", "jammy"), new LabImage(uuid("image", "jammy"), "ubuntu-22.04-server-cloudimg-amd64", "active", "public", "qcow2",
                "bare", 692584448, admin, seeded));
    }

    /** Nova's services: nova-scheduler and nova-conductor on the controllers (or nova-cloud-controller's units), nova-compute per hypervisor. */
    public List<NovaService> novaServices() {
        synchronized (site) {
            advance();
            List<NovaService> out = new ArrayList<>();
            Map<String, String> controlHosts = new LinkedHashMap<>(); // service host -> node it runs on
            site.juju().applications.values().stream().filter(a -> a.charm().equals("nova-cloud-controller")).findFirst().ifPresent(app -> site.juju().unitsInOrder().stream()
                    .filter(u -> u.application().equals(app.name()))
                    .forEach(u -> Optional.ofNullable(site.juju().jujuMachines.get(u.machine())).ifPresent(m -> controlHosts.put(m.hostname(),
                            Optional.ofNullable(site.juju().jujuMachines.get(m.hostMachine())).map(JujuMachine::hostname).orElse(m.hostname())))));
            if (controlHosts.isEmpty()) {
                site.nodes.values().stream().filter(n -> n.hasRole("control")).forEach(n -> controlHosts.put(n.hostname(), n.hostname()));
            }
            int id = 1;
            for (String binary : List.of("nova-scheduler", "nova-conductor")) {
                for (Map.Entry<String, String> host : controlHosts.entrySet()) {
                    out.add(new NovaService(uuid("service", binary + "@" + host.getKey()), id++, binary, host.getKey(), "internal", true, "", false,
                            !site.hostDown(host.getValue())));
                }
            }
            int computeBase = id;
            for (Hypervisor h : hypervisors.values()) {
                Hypervisor v = view(h);
                out.add(new NovaService(h.serviceId(), computeBase + h.id(), "nova-compute", h.hostname(), h.zone(), h.enabled(), h.disabledReason(),
                        h.forcedDown(), v.up()));
            }
            return out;
        }
    }

    /**
     * Boots a server as Nova does at compute API 2.74: BUILD now, ACTIVE after {@link LabOperation#SERVER_BUILD}, on
     * {@code host} when given (the scheduler still checks it) or on the host the scheduler picks in {@code zone} (any
     * zone when empty), keeping the anti-affinity or affinity of {@code serverGroupId}. A server no host can take goes
     * to ERROR with Nova's fault "No valid host was found", as in Nova, where scheduling happens after the API answered.
     *
     * @param networkId the network to give it a port on, or {@code ""} for none
     */
    public Instance bootServer(String serverName, String projectId, String flavorId, String imageId, String host, String zone,
                                            String serverGroupId, String networkId) {
        synchronized (site) {
            advance();
            seedImages();
            Flavor flavor = flavors.values().stream().filter(f -> f.id().equals(flavorId)).findFirst()
                    .orElseThrow(() -> LabException.badRequest("Invalid flavorRef provided."));
            if (!images.containsKey(imageId)) {
                throw LabException.badRequest("Can not find requested image");
            }
            boolean pinned = host != null && !host.isEmpty();
            if (pinned && !hypervisors.containsKey(host)) {
                throw LabException.badRequest("Compute host " + host + " could not be found.");
            }
            boolean inZone = zone != null && !zone.isEmpty();
            if (inZone && hypervisors.values().stream().noneMatch(h -> h.zone().equals(zone))) {
                throw LabException.badRequest("The requested availability zone is not available");
            }
            String group = serverGroupId == null ? "" : serverGroupId;
            if (!group.isEmpty() && !serverGroups.containsKey(group)) {
                throw LabException.badRequest("Invalid server group hint: server group " + group + " could not be found.");
            }
            String network = networkId == null ? "" : networkId;
            if (!network.isEmpty() && site.neutron().networks().stream().noneMatch(n -> n.id().equals(network))) {
                throw LabException.badRequest("Network " + network + " could not be found.");
            }
            count("boot-server", serverName);
            String id = UUID.randomUUID().toString();
            Optional<Hypervisor> chosen = hypervisors.values().stream()
                    .filter(h -> !pinned || h.hostname().equals(host))
                    .filter(h -> !inZone || h.zone().equals(zone))
                    .filter(h -> refusal(new Instance(id, serverName, projectId, "", h.zone(), flavor, InstanceStatus.BUILD, "", group, "", now()), h) == null)
                    .max(Comparator.comparingLong((Hypervisor h) -> usageOf(h).ramMibFree()).thenComparing(Hypervisor::hostname, Comparator.reverseOrder()));
            imageOfInstance.put(id, imageId);
            if (chosen.isEmpty()) {
                Instance failed = new Instance(id, serverName, projectId, "", inZone ? zone : "", flavor, InstanceStatus.ERROR, "", group, NO_VALID_HOST,
                        now());
                instances.put(id, failed);
                return failed;
            }
            Hypervisor h = chosen.get();
            Instance building = new Instance(id, serverName, projectId, h.hostname(), h.zone(), flavor, InstanceStatus.BUILD, "spawning", group, "", now());
            instances.put(id, building);
            buildsUntil.put(id, due(LabOperation.SERVER_BUILD, id));
            if (!network.isEmpty()) {
                site.neutron().plugServer(id, network, projectId, h.zone(), h.hostname());
            }
            return building;
        }
    }

    /** Deletes a server with its ports (floating IPs on them are disassociated). */
    public void deleteServer(String serverId) {
        synchronized (site) {
            advance();
            requireInstance(serverId);
            count("delete-server", serverId);
            instances.remove(serverId);
            buildsUntil.remove(serverId);
            imageOfInstance.remove(serverId);
            site.neutron().unplugServer(serverId);
        }
    }

    /**
     * A live migration as Nova's API takes it (compute 2.30, block migration "auto"): state checked first (409), then
     * the named host (400 when unknown), the source service (400 when down) and the scheduler (400 "No valid host",
     * which leaves an error migration record; naming the server's own host is refused that way too).
     */
    public Migration liveMigrateServer(String serverId, String targetHost) {
        synchronized (site) {
            advance();
            Instance i = requireInstance(serverId);
            if (i.status() != InstanceStatus.ACTIVE && i.status() != InstanceStatus.PAUSED) {
                throw LabException.conflict("Cannot 'os-migrateLive' instance " + i.id() + " while it is in vm_state " + vmState(i));
            }
            boolean named = targetHost != null && !targetHost.isEmpty();
            if (named && !hypervisors.containsKey(targetHost)) {
                throw LabException.badRequest("Compute host " + targetHost + " could not be found.");
            }
            Hypervisor source = hypervisors.get(i.host());
            if (source == null || !view(source).up()) {
                throw LabException.badRequest("Compute service of " + i.host() + " is unavailable at this time.");
            }
            if (named && targetHost.equals(i.host())) {
                throw refusedMove(i, "live-migration", NO_VALID_HOST);
            }
            try {
                schedule(i, named ? targetHost : null);
            } catch (LabException refused) {
                throw refusedMove(i, "live-migration", refused.getMessage());
            }
            return startLiveMigration(serverId, targetHost);
        }
    }

    /** A cold migration as Nova's API takes it (compute 2.56): state (409), named host (400), then the scheduler as for live migrations. */
    public Migration coldMigrateServer(String serverId, String targetHost) {
        synchronized (site) {
            advance();
            Instance i = requireInstance(serverId);
            if (i.status() != InstanceStatus.ACTIVE && i.status() != InstanceStatus.SHUTOFF) {
                throw LabException.conflict("Cannot 'migrate' instance " + i.id() + " while it is in vm_state " + vmState(i));
            }
            boolean named = targetHost != null && !targetHost.isEmpty();
            if (named && !hypervisors.containsKey(targetHost)) {
                throw LabException.badRequest("Compute host " + targetHost + " could not be found.");
            }
            if (named && targetHost.equals(i.host())) {
                throw LabException.badRequest("Cannot migrate to the host where the server exists.");
            }
            try {
                schedule(i, named ? targetHost : null);
            } catch (LabException refused) {
                throw refusedMove(i, "migration", refused.getMessage());
            }
            return startColdMigration(serverId, targetHost);
        }
    }

    /**
     * An evacuation as Nova's API takes it (compute 2.29, the scheduler picks the host): state (409), the source's
     * compute service must be down (400 "still in use"). When no host can take the server, Nova has already answered:
     * the server goes to ERROR and the migration record to error.
     */
    public Migration evacuateServer(String serverId) {
        synchronized (site) {
            advance();
            Instance i = requireInstance(serverId);
            if (i.status() != InstanceStatus.ACTIVE && i.status() != InstanceStatus.SHUTOFF && i.status() != InstanceStatus.ERROR) {
                throw LabException.conflict("Cannot 'evacuate' instance " + i.id() + " while it is in vm_state " + vmState(i));
            }
            Hypervisor source = hypervisors.get(i.host());
            if (source != null && view(source).up()) {
                throw LabException.badRequest("Compute service of " + i.host() + " is still in use.");
            }
            try {
                schedule(i, null);
            } catch (LabException refused) {
                count("evacuation", i.id());
                Migration failed = new Migration(migrations.size() + 1, i.id(), "evacuation", i.host(), "", "error", now(), now(), false);
                migrations.add(failed);
                instances.put(i.id(), new Instance(i.id(), i.name(), i.projectId(), i.host(), i.zone(), i.flavor(), InstanceStatus.ERROR, "",
                        i.serverGroupId(), NO_VALID_HOST, i.createdAt()));
                return failed;
            }
            return evacuate(serverId, null);
        }
    }

    private LabException refusedMove(Instance i, String kind, String message) {
        migrations.add(new Migration(migrations.size() + 1, i.id(), kind, i.host(), "", "error", now(), now(), false));
        return LabException.badRequest(message.startsWith("No valid host") ? message : NO_VALID_HOST);
    }

    /**
     * Sets or clears {@code forced_down} the way Nova's API does: an unknown host is 404, and a host that evacuated
     * servers cannot be forced up while their migrations are still {@code done} (its nova-compute must restart first).
     */
    public Hypervisor setForcedDown(String host, boolean forcedDown) {
        synchronized (site) {
            advance();
            if (!hypervisors.containsKey(host)) {
                throw LabException.notFound("Host '" + host + "' is not mapped to any cell");
            }
            if (!forcedDown && migrations.stream().anyMatch(m -> m.kind().equals("evacuation") && m.status().equals("done") && m.sourceHost().equals(host))) {
                throw LabException.badRequest("Unable to force up host " + host + " as `done` evacuation migration records remain associated with the "
                        + "host. Ensure the compute service has been restarted, allowing these records to move to `completed` before retrying this "
                        + "request.");
            }
            return forceDownComputeService(host, forcedDown);
        }
    }

    /** Restarts a host's nova-compute: it cleans up the servers evacuated from it, so their migrations go from {@code done} to {@code completed}. */
    public void restartComputeService(String host) {
        synchronized (site) {
            advance();
            requireHypervisor(host);
            count("restart-nova-compute", host);
            for (int k = 0; k < migrations.size(); k++) {
                Migration m = migrations.get(k);
                if (m.kind().equals("evacuation") && m.status().equals("done") && m.sourceHost().equals(host)) {
                    migrations.set(k, m.withStatus("completed"));
                }
            }
        }
    }

    /** Whether a compute host is mapped to the cell (so the scheduler's hosts include it). */
    public boolean cellMapped(String host) {
        synchronized (site) {
            advance();
            return hypervisors.containsKey(host) && (seededCompute(host) || hostMappings.contains(host));
        }
    }

    /**
     * {@code nova-manage cell_v2 discover_hosts --by-service --verbose}: maps every nova-compute host not mapped yet and
     * prints what nova-manage prints.
     */
    public String discoverHosts() {
        synchronized (site) {
            advance();
            String cell = uuid("cell", "cell1");
            List<String> mapped = new ArrayList<>();
            for (String host : hypervisors.keySet()) {
                if (!seededCompute(host) && hostMappings.add(host)) {
                    mapped.add(host);
                }
            }
            if (!mapped.isEmpty()) {
                count("nova-discover-hosts", String.join(",", mapped));
            }
            StringBuilder out = new StringBuilder("Found 2 cell mappings.\nSkipping cell0 since it does not contain hosts.\n")
                    .append("Getting computes from cell 'cell1': ").append(cell).append('\n');
            mapped.forEach(h -> out.append("Creating host mapping for service ").append(h).append('\n'));
            out.append("Found ").append(mapped.size()).append(" unmapped computes in cell: ").append(cell).append('\n');
            return out.toString();
        }
    }

    private boolean seededCompute(String host) {
        LabNode node = site.nodes.get(host);
        return node != null && node.hasRole("compute");
    }
}
