package io.dayshift.lab.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Seeds a {@link LabSite} from a topology. Each method adds one thing as it is at the start, without counting it as an action. */
public final class LabSiteBuilder {

    private final LabSite site;

    LabSiteBuilder(LabSite site) {
        this.site = site;
    }

    public LabSite site() {
        return site;
    }

    public LabSiteBuilder openstackRelease(String release) {
        site.openstackRelease = release;
        return this;
    }

    public LabSiteBuilder allocationRatios(double cpu, double ram, double disk) {
        site.nova().defaultRatios = new double[] {cpu, ram, disk};
        return this;
    }

    public LabSiteBuilder node(LabNode node) {
        site.nodes.put(node.hostname(), node);
        site.kolla().deployedHosts.add(node.hostname());
        site.kolla().hostReleases.put(node.hostname(), site.openstackRelease);
        return this;
    }

    public LabSiteBuilder machine(MaasMachine machine) {
        site.maas().machines.put(machine.systemId(), machine);
        site.maas().maasTags.addAll(machine.tags());
        return this;
    }

    public LabSiteBuilder hypervisor(String host, String zone, int vcpus, long ramMib, long diskGib) {
        int id = site.nova().hypervisors.size() + 1;
        double[] ratios = site.nova().defaultRatios;
        site.nova().hypervisors.put(host, new Hypervisor(id, site.uuid("service", host), host, zone, vcpus, ramMib, diskGib, ratios[0], ratios[1],
                ratios[2], true, "", false, true));
        return this;
    }

    public LabSiteBuilder disabledComputeService(String host, String reason) {
        Hypervisor h = site.nova().hypervisors.get(host);
        site.nova().hypervisors.put(host, h.withService(false, reason, false));
        return this;
    }

    public LabSiteBuilder flavor(Flavor flavor) {
        site.nova().flavors.put(flavor.name(), flavor);
        return this;
    }

    public LabSiteBuilder aggregate(String name, List<String> hosts, Map<String, String> metadata) {
        int id = site.nova().aggregates.size() + 1;
        site.nova().aggregates.add(new HostAggregate(id, site.uuid("aggregate", name), name, hosts, metadata));
        return this;
    }

    public LabSiteBuilder serverGroup(ServerGroup group) {
        site.nova().serverGroups.put(group.id(), group);
        return this;
    }

    public LabSiteBuilder instance(Instance instance) {
        site.nova().instances.put(instance.id(), instance);
        return this;
    }

    public LabSiteBuilder agent(String type, String binary, String host, String zone) {
        site.neutron().addAgent(type, binary, host, zone);
        return this;
    }

    public LabSiteBuilder volumeService(String binary, String host, String zone) {
        site.cinder().volumeServices.add(new VolumeService(binary, host, zone, true, true));
        return this;
    }

    public LabSiteBuilder user(KeystoneUser user) {
        site.keystone().users.put(user.id(), user);
        return this;
    }

    public LabSiteBuilder securityGroup(SecurityGroup group) {
        site.neutron().securityGroups.put(group.id(), group);
        return this;
    }

    public LabSiteBuilder floatingIp(FloatingIp ip) {
        site.neutron().floatingIps.put(ip.id(), ip);
        return this;
    }

    public LabSiteBuilder port(Port port) {
        site.neutron().ports.put(port.id(), port);
        return this;
    }

    public LabSiteBuilder backup(String kind, String host, String location, Instant takenAt, long size) {
        Backup b = new Backup("b" + (site.backup().backups.size() + 1), kind, host, location, takenAt, size, ServiceState.sha256(site.name + kind + location + takenAt));
        site.backup().backups.add(b);
        if (location.startsWith("volume:mariadb_backup/")) { // the file in the volume, as a run of mariadb_backup leaves it
            site.kolla().files.put(site.backup().MARIADB_BACKUP_VOLUME + "/" + location.substring("volume:mariadb_backup/".length()), new LabFile("mariabackup xbstream " + b.sha256(), size));
        }
        return this;
    }

    public LabSiteBuilder ceph(String fsid, List<String> monitors, Map<String, Integer> osdsByHost) {
        site.ceph().cephFsid = fsid;
        site.ceph().cephMonitors.addAll(monitors);
        site.ceph().cephOsdsByHost.putAll(osdsByHost);
        return this;
    }

    public LabSiteBuilder juju(String version, String model) {
        site.juju().jujuVersion = version;
        site.juju().jujuModel = model;
        return this;
    }

    public LabSiteBuilder application(JujuApplication app) {
        site.juju().applications.put(app.name(), app);
        return this;
    }

    public LabSiteBuilder jujuMachine(JujuMachine machine) {
        site.juju().jujuMachines.put(machine.id(), machine);
        if (!machine.container()) {
            site.juju().nextMachineId = Math.max(site.juju().nextMachineId, Integer.parseInt(machine.id()) + 1);
        }
        return this;
    }

    /** A settled unit (and the units of the application's subordinates beside it). */
    public LabSiteBuilder unit(String application, String machineId) {
        JujuApplication app = site.juju().applications.get(application);
        JujuUnit unit = site.juju().newUnit(app, machineId, "", null);
        for (JujuApplication sub : site.juju().applications.values()) {
            if (sub.subordinateTo().contains(application)) {
                site.juju().newUnit(sub, machineId, unit.name(), null);
            }
        }
        return this;
    }

    public LabSiteBuilder kolla(String version, String inventory, String inventoryText, String globals, String globalsText) {
        site.kolla().kollaAnsibleVersion = version;
        site.kolla().inventoryPath = inventory;
        site.kolla().globalsPath = globals;
        site.kolla().files.put(inventory, LabFile.text(inventoryText));
        site.kolla().files.put(globals, LabFile.text(globalsText));
        return this;
    }

    public LabSiteBuilder file(String path, String content) {
        site.kolla().files.put(path, LabFile.text(content));
        return this;
    }

    public LabSiteBuilder fault(LabFault fault) {
        site.injectFault(fault);
        return this;
    }

    /** A stable id for seeded objects: a name-based UUID within this site. */
    public String id(String kind, String key) {
        return site.uuid(kind, key);
    }
}
