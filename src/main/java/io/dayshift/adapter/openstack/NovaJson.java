package io.dayshift.adapter.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.HostAggregate;
import io.dayshift.compute.Hypervisor;
import io.dayshift.compute.NetworkAgent;
import io.dayshift.compute.ResourceInventory;
import io.dayshift.compute.ResourceUsage;
import io.dayshift.compute.ServerDetail;
import io.dayshift.compute.ServerGroup;
import io.dayshift.compute.ServerSettlement.Migration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps the JSON of our own (microversioned) Nova, Placement and Neutron requests to records. */
final class NovaJson {

    private NovaJson() {
    }

    /** {@code GET /os-services} at compute 2.11 or later ({@code forced_down} is only there from 2.11). */
    static List<ComputeService> services(JsonNode root) {
        List<ComputeService> services = new ArrayList<>();
        for (JsonNode s : root.path("services")) {
            services.add(new ComputeService(
                    Json.required(s, "id"),
                    Json.required(s, "binary"),
                    Json.required(s, "host"),
                    Json.text(s, "zone").orElse(""),
                    "enabled".equals(s.path("status").asText()),
                    "up".equals(s.path("state").asText()),
                    s.path("forced_down").asBoolean(false),
                    Json.text(s, "disabled_reason"),
                    Json.instant(s, "updated_at")));
        }
        return services;
    }

    /** {@code GET /os-hypervisors/detail} between compute 2.53 (UUID ids) and 2.87 (usage fields still present). */
    static List<Hypervisor> hypervisors(JsonNode root) {
        List<Hypervisor> hypervisors = new ArrayList<>();
        for (JsonNode h : root.path("hypervisors")) {
            hypervisors.add(new Hypervisor(
                    Json.required(h, "id"),
                    Json.required(h, "hypervisor_hostname"),
                    Json.text(h.path("service"), "host").orElse(""),
                    Json.text(h, "hypervisor_type").orElse(""),
                    "enabled".equals(h.path("status").asText()),
                    "up".equals(h.path("state").asText()),
                    Json.number(h, "vcpus"),
                    Json.number(h, "vcpus_used"),
                    Json.number(h, "memory_mb"),
                    Json.number(h, "memory_mb_used"),
                    Json.number(h, "local_gb"),
                    Json.number(h, "local_gb_used"),
                    (int) Json.number(h, "running_vms")));
        }
        return hypervisors;
    }

    /** {@code GET /resource_providers/{uuid}/inventories}, sorted by resource class. */
    static List<ResourceInventory> inventories(JsonNode root) {
        List<ResourceInventory> inventories = new ArrayList<>();
        root.path("inventories").fields().forEachRemaining(e -> {
            JsonNode i = e.getValue();
            inventories.add(new ResourceInventory(e.getKey(), Json.number(i, "total"), Json.number(i, "reserved"),
                    i.path("allocation_ratio").asDouble(1.0), Json.number(i, "max_unit")));
        });
        inventories.sort(Comparator.comparing(ResourceInventory::resourceClass));
        return inventories;
    }

    /** The newest record of {@code GET /os-migrations} (by creation time, then id). */
    static Optional<Migration> newestMigration(JsonNode root) {
        JsonNode newest = null;
        for (JsonNode m : root.path("migrations")) {
            if (newest == null || newer(m, newest)) {
                newest = m;
            }
        }
        if (newest == null) {
            return Optional.empty();
        }
        return Optional.of(new Migration(
                Json.text(newest, "uuid").orElse(Json.required(newest, "id")),
                Json.text(newest, "migration_type").orElse("migration"),
                Json.text(newest, "status").orElse(""),
                Json.text(newest, "source_compute").orElse(""),
                Json.text(newest, "dest_compute")));
    }

    private static boolean newer(JsonNode a, JsonNode b) {
        int byTime = Json.instant(a, "created_at").orElse(java.time.Instant.EPOCH)
                .compareTo(Json.instant(b, "created_at").orElse(java.time.Instant.EPOCH));
        return byTime != 0 ? byTime > 0 : a.path("id").asLong() > b.path("id").asLong();
    }

    /** {@code GET /v2.0/agents}: the raw {@code agent_type}, which openstack4j maps to UNRECOGNIZED for OVN agents. */
    static List<NetworkAgent> agents(JsonNode root) {
        List<NetworkAgent> agents = new ArrayList<>();
        for (JsonNode a : root.path("agents")) {
            agents.add(new NetworkAgent(
                    Json.required(a, "id"),
                    Json.text(a, "agent_type").orElse(""),
                    Json.text(a, "binary").orElse(""),
                    Json.text(a, "host").orElse(""),
                    a.path("alive").asBoolean(false),
                    a.path("admin_state_up").asBoolean(false)));
        }
        return agents;
    }

    /** The id of the first resource provider of {@code GET /resource_providers?name=...}. */
    static Optional<String> firstProviderUuid(JsonNode root) {
        for (JsonNode p : root.path("resource_providers")) {
            return Json.text(p, "uuid");
        }
        return Optional.empty();
    }

    /**
     * {@code GET /servers/detail} from compute 2.47: the flavor is embedded ({@code vcpus}, {@code ram}, {@code disk},
     * {@code ephemeral}, {@code swap} in MiB or {@code ""}, {@code original_name}); {@code DISK_GB} as Placement counts it
     * is root + ephemeral + swap rounded up to GiB.
     */
    static List<ServerDetail> serverDetails(JsonNode root) {
        List<ServerDetail> servers = new ArrayList<>();
        for (JsonNode s : root.path("servers")) {
            JsonNode f = s.path("flavor");
            long swapMb = f.path("swap").asLong(0);
            ServerDetail.ServerFlavor flavor = new ServerDetail.ServerFlavor(
                    Json.text(f, "original_name").orElse(Json.text(f, "id").orElse("")),
                    Json.number(f, "vcpus"),
                    Json.number(f, "ram"),
                    Json.number(f, "disk") + Json.number(f, "ephemeral") + (swapMb + 1023) / 1024,
                    strings(f.path("extra_specs")));
            servers.add(new ServerDetail(
                    Json.required(s, "id"),
                    Json.text(s, "name").orElse(""),
                    Json.text(s, "tenant_id").orElse(""),
                    Json.text(s, "status").orElse("UNKNOWN"),
                    Json.text(s, "OS-EXT-STS:task_state"),
                    Json.text(s, "OS-EXT-SRV-ATTR:host"),
                    Json.text(s, "OS-EXT-AZ:availability_zone"),
                    flavor));
        }
        return servers;
    }

    /** {@code GET /os-aggregates}: name, hosts and metadata of every aggregate. */
    static List<HostAggregate> aggregates(JsonNode root) {
        List<HostAggregate> aggregates = new ArrayList<>();
        for (JsonNode a : root.path("aggregates")) {
            List<String> hosts = new ArrayList<>();
            a.path("hosts").forEach(h -> hosts.add(h.asText()));
            aggregates.add(new HostAggregate(Json.text(a, "name").orElse(""), hosts, strings(a.path("metadata"))));
        }
        return aggregates;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new java.util.TreeMap<>();
        object.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                values.put(e.getKey(), e.getValue().asText());
            }
        });
        return values;
    }

    /** {@code GET /os-server-groups}: {@code policy} from compute 2.64, the first of {@code policies} before it. */
    static List<ServerGroup> serverGroups(JsonNode root) {
        List<ServerGroup> groups = new ArrayList<>();
        for (JsonNode g : root.path("server_groups")) {
            String policy = Json.text(g, "policy").orElseGet(() -> g.path("policies").path(0).asText(""));
            List<String> members = new ArrayList<>();
            g.path("members").forEach(m -> members.add(m.asText()));
            groups.add(new ServerGroup(Json.required(g, "id"), Json.text(g, "name").orElse(""), Json.text(g, "project_id").orElse(""),
                    policy, members));
        }
        return groups;
    }

    /** {@code GET /resource_providers/{uuid}/usages}, sorted by resource class. */
    static List<ResourceUsage> usages(JsonNode root) {
        List<ResourceUsage> usages = new ArrayList<>();
        root.path("usages").fields().forEachRemaining(e -> usages.add(new ResourceUsage(e.getKey(), e.getValue().asLong(0))));
        usages.sort(Comparator.comparing(ResourceUsage::resourceClass));
        return usages;
    }
}
