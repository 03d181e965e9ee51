package io.dayshift.lab.openstack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.lab.model.Flavor;
import io.dayshift.lab.model.Hypervisor;
import io.dayshift.lab.model.HypervisorUsage;
import io.dayshift.lab.model.Instance;
import io.dayshift.lab.model.InstanceStatus;
import io.dayshift.lab.model.LabImage;
import io.dayshift.lab.model.LabNetwork;
import io.dayshift.lab.model.LabNode;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.Migration;
import io.dayshift.lab.model.NovaService;
import io.dayshift.lab.model.Port;
import io.dayshift.lab.model.ServerGroup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Nova's JSON for the lab's model: servers (2.1 shape), services, hypervisors, migrations, flavors. */
final class NovaViews {

    private NovaViews() {
    }

    // ---- servers ------------------------------------------------------------------------------

    static String vmState(InstanceStatus s) {
        return switch (s) {
            case SHUTOFF -> "stopped";
            case ERROR -> "error";
            case VERIFY_RESIZE -> "resized";
            case PAUSED -> "paused";
            case BUILD -> "building";
            default -> "active";
        };
    }

    static int powerState(InstanceStatus s) {
        return switch (s) {
            case SHUTOFF -> 4;
            case PAUSED -> 3;
            case BUILD, ERROR -> 0;
            default -> 1;
        };
    }

    static ObjectNode server(LabSite site, Instance i, String compute, String userId, Optional<LabImage> image, List<Port> ports,
                             Map<String, LabNetwork> networks, Microversion mv) {
        String bookmark = compute.substring(0, compute.length() - "/v2.1".length());
        ObjectNode s = Api.object();
        s.put("id", i.id()).put("name", i.name()).put("status", i.status().name()).put("tenant_id", i.projectId()).put("user_id", userId);
        s.putObject("metadata");
        s.put("hostId", i.host().isEmpty() ? "" : sha224(i.projectId() + i.host()));
        ObjectNode img = s.putObject("image");
        image.ifPresent(im -> {
            img.put("id", im.id());
            img.putArray("links").addObject().put("rel", "bookmark").put("href", bookmark + "/images/" + im.id());
        });
        if (mv.atLeast("2.47")) {
            Flavor f = i.flavor();
            s.putObject("flavor").put("vcpus", f.vcpus()).put("ram", f.ramMib()).put("disk", f.diskGib()).put("ephemeral", 0).put("swap", 0)
                    .put("original_name", f.name());
            ObjectNode specs = ((ObjectNode) s.get("flavor")).putObject("extra_specs");
            f.extraSpecs().forEach(specs::put);
        } else {
            ObjectNode flavor = s.putObject("flavor").put("id", i.flavor().id());
            flavor.putArray("links").addObject().put("rel", "bookmark").put("href", bookmark + "/flavors/" + i.flavor().id());
        }
        s.put("created", Api.seconds(i.createdAt())).put("updated", Api.seconds(i.createdAt()));
        ObjectNode addresses = s.putObject("addresses");
        for (Port p : ports) {
            String net = Optional.ofNullable(networks.get(p.networkId())).map(LabNetwork::name).orElse("private");
            ArrayNode list = addresses.has(net) ? (ArrayNode) addresses.get(net) : addresses.putArray(net);
            list.addObject().put("version", 4).put("addr", p.fixedIpAddress()).put("OS-EXT-IPS:type", "fixed")
                    .put("OS-EXT-IPS-MAC:mac_addr", p.macAddress());
        }
        s.put("accessIPv4", "").put("accessIPv6", "");
        links(s.putArray("links"), compute + "/servers/" + i.id(), bookmark + "/servers/" + i.id());
        s.put("OS-DCF:diskConfig", "MANUAL").put("progress", 0).put("OS-EXT-AZ:availability_zone", i.zone()).put("config_drive", "").putNull("key_name");
        boolean launched = i.status() != InstanceStatus.BUILD && !(i.status() == InstanceStatus.ERROR && i.host().isEmpty());
        if (launched) {
            s.put("OS-SRV-USG:launched_at", Api.micros(i.createdAt().plusSeconds(3)));
        } else {
            s.putNull("OS-SRV-USG:launched_at");
        }
        s.putNull("OS-SRV-USG:terminated_at");
        if (!ports.isEmpty()) {
            s.putArray("security_groups").addObject().put("name", "default");
        }
        nullable(s, "OS-EXT-SRV-ATTR:host", i.host());
        s.put("OS-EXT-SRV-ATTR:instance_name", String.format("instance-%08x", Math.abs(i.id().hashCode()) % 0x100000));
        nullable(s, "OS-EXT-SRV-ATTR:hypervisor_hostname", i.host());
        String task = i.taskState().isEmpty() && i.status() == InstanceStatus.MIGRATING ? "migrating" : i.taskState();
        nullable(s, "OS-EXT-STS:task_state", task);
        s.put("OS-EXT-STS:vm_state", vmState(i.status())).put("OS-EXT-STS:power_state", powerState(i.status()));
        s.putArray("os-extended-volumes:volumes_attached");
        if (i.status() == InstanceStatus.ERROR && !i.fault().isEmpty()) {
            s.putObject("fault").put("code", 500).put("created", Api.seconds(i.createdAt())).put("message", i.fault());
        }
        return s;
    }

    static ObjectNode serverSummary(Instance i, String compute) {
        String bookmark = compute.substring(0, compute.length() - "/v2.1".length());
        ObjectNode s = Api.object().put("id", i.id()).put("name", i.name());
        links(s.putArray("links"), compute + "/servers/" + i.id(), bookmark + "/servers/" + i.id());
        return s;
    }

    // ---- services -----------------------------------------------------------------------------

    static ObjectNode service(NovaService s, Instant now, Microversion mv) {
        ObjectNode o = Api.object();
        if (mv.atLeast("2.53")) {
            o.put("id", s.uuid());
        } else {
            o.put("id", s.id());
        }
        o.put("binary", s.binary()).put("host", s.host()).put("zone", s.zone()).put("status", s.enabled() ? "enabled" : "disabled")
                .put("state", s.up() ? "up" : "down");
        boolean fresh = s.up() || s.forcedDown();
        o.put("updated_at", Api.micros(now.minus(fresh ? Duration.ofSeconds(4) : Duration.ofMinutes(3))));
        nullable(o, "disabled_reason", s.disabledReason());
        if (mv.atLeast("2.11")) {
            o.put("forced_down", s.forcedDown());
        }
        return o;
    }

    // ---- hypervisors --------------------------------------------------------------------------

    static ObjectNode hypervisor(LabSite site, Hypervisor h, HypervisorUsage usage, NovaService service, Microversion mv, boolean detail) {
        ObjectNode o = Api.object();
        boolean uuids = mv.atLeast("2.53");
        if (uuids) {
            o.put("id", Api.uuid(site.name(), "resource-provider", h.hostname()));
        } else {
            o.put("id", h.id());
        }
        o.put("hypervisor_hostname", h.hostname()).put("state", h.up() ? "up" : "down").put("status", h.enabled() ? "enabled" : "disabled");
        if (!detail) {
            return o;
        }
        o.put("hypervisor_type", "QEMU").put("hypervisor_version", 6002000)
                .put("host_ip", site.node(h.hostname()).map(LabNode::address).orElse("127.0.0.1"));
        ObjectNode svc = o.putObject("service");
        if (uuids) {
            svc.put("id", service.uuid());
        } else {
            svc.put("id", service.id());
        }
        svc.put("host", h.hostname());
        nullable(svc, "disabled_reason", h.disabledReason());
        if (mv.atLeast("2.88")) {
            return o; // usage moved to Placement
        }
        o.put("vcpus", h.vcpus()).put("memory_mb", h.ramMib()).put("local_gb", h.diskGib())
                .put("vcpus_used", usage.vcpusUsed()).put("memory_mb_used", usage.ramMibUsed()).put("local_gb_used", usage.diskGibUsed())
                .put("free_ram_mb", h.ramMib() - usage.ramMibUsed()).put("free_disk_gb", h.diskGib() - usage.diskGibUsed())
                .put("current_workload", 0).put("running_vms", usage.instances()).put("disk_available_least", h.diskGib() - usage.diskGibUsed());
        ObjectNode cpu = Api.object().put("arch", "x86_64").put("model", "Cascadelake-Server").put("vendor", "Intel");
        cpu.putArray("features").add("avx512f").add("vmx");
        cpu.putObject("topology").put("cores", Math.max(1, h.vcpus() / 4)).put("threads", 2).put("sockets", 2);
        if (mv.atLeast("2.28")) {
            o.set("cpu_info", cpu);
        } else {
            o.put("cpu_info", cpu.toString());
        }
        return o;
    }

    // ---- migrations ---------------------------------------------------------------------------

    static String migrationStatus(Migration m) {
        if (!m.inProgress()) {
            return m.status();
        }
        return switch (m.kind()) {
            case "migration" -> "migrating";
            case "evacuation" -> "pre-migrating";
            default -> "running";
        };
    }

    static String migrationUuid(LabSite site, Migration m) {
        return Api.uuid(site.name(), "migration", Integer.toString(m.id()));
    }

    static ObjectNode migration(LabSite site, Migration m, String compute, Microversion mv) {
        String bookmark = compute.substring(0, compute.length() - "/v2.1".length());
        ObjectNode o = Api.object().put("id", m.id());
        if (mv.atLeast("2.59")) {
            o.put("uuid", migrationUuid(site, m));
        }
        o.put("source_compute", m.sourceHost());
        nullable(o, "dest_compute", m.destHost());
        o.put("source_node", m.sourceHost());
        nullable(o, "dest_node", m.destHost());
        String destIp = m.kind().equals("live-migration") || m.destHost().isEmpty() ? "" : site.node(m.destHost()).map(LabNode::address).orElse("");
        nullable(o, "dest_host", destIp);
        int flavorId = 1;
        o.put("old_instance_type_id", flavorId).put("new_instance_type_id", flavorId);
        o.put("instance_uuid", m.instanceId()).put("status", migrationStatus(m));
        if (mv.atLeast("2.23")) {
            o.put("migration_type", m.kind());
        }
        o.put("created_at", Api.micros(m.startedAt()));
        o.put("updated_at", Api.micros(m.inProgress() ? m.startedAt() : m.finishesAt()));
        if (mv.atLeast("2.23") && m.inProgress() && m.kind().equals("live-migration")) {
            String path = "/servers/" + m.instanceId() + "/migrations/" + m.id();
            links(o.putArray("links"), compute + path, bookmark + path);
        }
        return o;
    }

    // ---- server groups --------------------------------------------------------------------------

    static ObjectNode serverGroup(LabSite site, ServerGroup g, List<String> members, String userId, Microversion mv) {
        ObjectNode o = Api.object().put("id", g.id()).put("name", g.name());
        if (mv.atLeast("2.64")) {
            o.put("policy", g.policy());
            o.putObject("rules");
        } else {
            o.putArray("policies").add(g.policy());
        }
        ArrayNode list = o.putArray("members");
        members.forEach(list::add);
        if (!mv.atLeast("2.64")) {
            o.putObject("metadata");
        }
        if (mv.atLeast("2.13")) {
            o.put("project_id", g.projectId()).put("user_id", userId);
        }
        return o;
    }

    // ---- flavors ------------------------------------------------------------------------------

    static ObjectNode flavor(Flavor f, String compute, boolean detail) {
        String bookmark = compute.substring(0, compute.length() - "/v2.1".length());
        ObjectNode o = Api.object().put("id", f.id()).put("name", f.name());
        if (detail) {
            o.put("ram", f.ramMib()).put("disk", f.diskGib()).put("swap", "").put("OS-FLV-EXT-DATA:ephemeral", 0)
                    .put("OS-FLV-DISABLED:disabled", false).put("vcpus", f.vcpus()).put("os-flavor-access:is_public", true).put("rxtx_factor", 1.0);
        }
        links(o.putArray("links"), compute + "/flavors/" + f.id(), bookmark + "/flavors/" + f.id());
        return o;
    }

    // ---- helpers ------------------------------------------------------------------------------

    static void links(ArrayNode links, String self, String bookmark) {
        links.addObject().put("rel", "self").put("href", self);
        links.addObject().put("rel", "bookmark").put("href", bookmark);
    }

    static void nullable(ObjectNode o, String field, String value) {
        if (value == null || value.isEmpty()) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }

    private static String sha224(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-224").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
