package io.dayshift.adapter.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.compute.ComputeService;
import io.dayshift.compute.Hypervisor;
import io.dayshift.compute.NetworkAgent;
import io.dayshift.compute.ResourceInventory;
import io.dayshift.compute.ServerSettlement.Migration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NovaJsonTest {

    @Test
    void computeServicesWithForcedDownAndHeartbeat() {
        List<ComputeService> services = NovaJson.services(Fixtures.json("nova-os-services-2.11.json"));

        assertThat(services).hasSize(5);
        assertThat(services).filteredOn(ComputeService::isCompute).extracting(ComputeService::host)
                .containsExactlyInAnyOrder("cn01", "cn02", "cn03");
        ComputeService scheduler = services.get(0);
        assertThat(scheduler.binary()).isEqualTo("nova-scheduler");
        assertThat(scheduler.id()).isEqualTo("1");
        assertThat(scheduler.zone()).isEqualTo("internal");
        assertThat(scheduler.enabled()).isTrue();
        assertThat(scheduler.up()).isTrue();
        assertThat(scheduler.forcedDown()).isFalse();
        assertThat(scheduler.disabledReason()).isEmpty();
        assertThat(scheduler.updatedAt()).contains(Instant.parse("2026-11-21T08:35:38Z"));
    }

    @Test
    void disabledAndForcedDownServices() {
        String json = """
                {"services": [{"binary": "nova-compute", "host": "cn02", "id": 7, "zone": "nova", "status": "disabled",
                  "state": "down", "updated_at": null, "disabled_reason": "dayshift: drain", "forced_down": true}]}""";

        ComputeService s = NovaJson.services(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                parse(json))).get(0);

        assertThat(s.enabled()).isFalse();
        assertThat(s.up()).isFalse();
        assertThat(s.forcedDown()).isTrue();
        assertThat(s.disabledReason()).contains("dayshift: drain");
        assertThat(s.updatedAt()).isEmpty();
    }

    @Test
    void hypervisorsWithUsageAndUuidIds() {
        List<Hypervisor> hypervisors = NovaJson.hypervisors(Fixtures.json("nova-os-hypervisors-detail-2.53.json"));

        assertThat(hypervisors).extracting(Hypervisor::hostname).containsExactlyInAnyOrder("cn01", "cn02", "cn03");
        Hypervisor cn03 = hypervisors.stream().filter(h -> h.hostname().equals("cn03")).findFirst().orElseThrow();
        assertThat(cn03.id()).isEqualTo("ff8caef3-003f-4533-8e4f-6760766f4f85");
        assertThat(cn03.serviceHost()).isEqualTo("cn03");
        assertThat(cn03.type()).isEqualTo("fake");
        assertThat(cn03.enabled()).isTrue();
        assertThat(cn03.up()).isTrue();
        assertThat(cn03.vcpus()).isEqualTo(1000);
        assertThat(cn03.memoryMb()).isEqualTo(800000);
        assertThat(cn03.memoryMbUsed()).isEqualTo(512);
        assertThat(cn03.diskGb()).isEqualTo(600000);
        assertThat(cn03.runningVms()).isZero();
    }

    @Test
    void placementInventoriesWithAllocationRatios() {
        List<ResourceInventory> inventories = NovaJson.inventories(Fixtures.json("placement-inventories-cn01.json"));

        assertThat(inventories).extracting(ResourceInventory::resourceClass).containsExactly("DISK_GB", "MEMORY_MB", "VCPU");
        ResourceInventory vcpu = inventories.get(2);
        assertThat(vcpu.total()).isEqualTo(1000);
        assertThat(vcpu.allocationRatio()).isEqualTo(16.0);
        assertThat(vcpu.capacity()).isEqualTo(16000);
        ResourceInventory memory = inventories.get(1);
        assertThat(memory.reserved()).isEqualTo(512);
        assertThat(memory.capacity()).isEqualTo((long) ((800000 - 512) * 1.5));
        assertThat(NovaJson.firstProviderUuid(Fixtures.json("placement-resource-providers-name-cn01.json")))
                .contains("cd3e62f0-6879-4c2c-be55-5605ce0c5532");
    }

    @Test
    void theNewestMigrationWins() {
        Optional<Migration> live = NovaJson.newestMigration(Fixtures.json("nova-os-migrations-live-2.59.json"));
        Optional<Migration> cold = NovaJson.newestMigration(Fixtures.json("nova-os-migrations-cold-unconfirmed-2.59.json"));

        assertThat(live).contains(new Migration("2bde222d-d9d7-4451-9a10-56cfe74f2269", "live-migration", "completed", "cn01", Optional.of("cn03")));
        assertThat(cold).get().satisfies(m -> {
            assertThat(m.type()).isEqualTo("migration");
            assertThat(m.status()).isEqualTo("finished");
            assertThat(m.sourceHost()).isEqualTo("cn03");
        });
        assertThat(NovaJson.newestMigration(parseNode("{\"migrations\": []}"))).isEmpty();
    }

    @Test
    void agentTypesAreKeptAsTheApiWritesThem() {
        List<NetworkAgent> lab = NovaJson.agents(Fixtures.json("neutron-agents.json"));
        List<NetworkAgent> ovn = NovaJson.agents(Fixtures.json("neutron-agents-ovn.json"));

        assertThat(lab).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("Metadata agent");
            assertThat(a.binary()).isEqualTo("neutron-metadata-agent");
            assertThat(a.alive()).isTrue();
            assertThat(a.adminStateUp()).isTrue();
        });
        assertThat(ovn).extracting(NetworkAgent::type).containsExactly("OVN Metadata agent", "OVN Controller Gateway agent");
        assertThat(ovn).extracting(NetworkAgent::binary).containsExactly("neutron-ovn-metadata-agent", "ovn-controller");
    }

    private static Object parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Object.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode parseNode(String json) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(parse(json));
    }

    // ---- capacity planning (drain-compute-node) ---------------------------------------------------------

    @Test
    void placementUsagesByResourceClass() {
        assertThat(NovaJson.usages(Fixtures.json("placement-usages-cn01.json")))
                .containsExactly(new io.dayshift.compute.ResourceUsage("DISK_GB", 0), new io.dayshift.compute.ResourceUsage("MEMORY_MB", 0),
                        new io.dayshift.compute.ResourceUsage("VCPU", 0));
    }

    @Test
    void serverGroupsFromCompute264AndFromBefore() {
        assertThat(NovaJson.serverGroups(Fixtures.json("nova-os-server-groups-2.64-empty.json"))).isEmpty();
        String at264 = """
                {"server_groups": [{"id": "616fb98f-46ca-475e-917e-2563e5a8cd19", "name": "test", "policy": "anti-affinity",
                  "rules": {"max_server_per_host": 3}, "members": ["a1", "b2"], "project_id": "6f70656e737461636b20342065766572",
                  "user_id": "fake"}]}""";
        String at21 = """
                {"server_groups": [{"id": "616fb98f-46ca-475e-917e-2563e5a8cd19", "name": "test", "policies": ["soft-affinity"],
                  "members": [], "metadata": {}}]}""";

        io.dayshift.compute.ServerGroup now = NovaJson.serverGroups(parseNode(at264)).get(0);
        io.dayshift.compute.ServerGroup before = NovaJson.serverGroups(parseNode(at21)).get(0);

        assertThat(now.policy()).isEqualTo("anti-affinity");
        assertThat(now.members()).containsExactly("a1", "b2");
        assertThat(now.projectId()).isEqualTo("6f70656e737461636b20342065766572");
        assertThat(before.policy()).isEqualTo("soft-affinity");
        assertThat(before.members()).isEmpty();
        assertThat(before.projectId()).isEmpty();
    }

    @Test
    void serversWithTheirEmbeddedFlavorFromCompute247() {
        String json = """
                {"servers": [{"id": "9168b536-cd40-4630-b43f-b259807c6e87", "name": "new-server-test", "status": "SHUTOFF",
                  "tenant_id": "6f70656e737461636b20342065766572", "OS-EXT-STS:task_state": null, "OS-EXT-SRV-ATTR:host": "compute",
                  "OS-EXT-AZ:availability_zone": "us-west",
                  "flavor": {"disk": 1, "ephemeral": 2, "extra_specs": {"hw:cpu_policy": "dedicated"}, "original_name": "m1.tiny.specs",
                             "ram": 512, "swap": 1536, "vcpus": 1}},
                 {"id": "b2", "name": "no-swap", "status": "ACTIVE", "tenant_id": "p", "OS-EXT-STS:task_state": "migrating",
                  "OS-EXT-SRV-ATTR:host": "cn02", "OS-EXT-AZ:availability_zone": "nova",
                  "flavor": {"disk": 20, "ephemeral": 0, "original_name": "m1.small", "ram": 2048, "swap": "", "vcpus": 1}}]}""";

        List<io.dayshift.compute.ServerDetail> servers = NovaJson.serverDetails(parseNode(json));

        io.dayshift.compute.ServerDetail first = servers.get(0);
        assertThat(first.status()).isEqualTo("SHUTOFF");
        assertThat(first.host()).contains("compute");
        assertThat(first.availabilityZone()).contains("us-west");
        assertThat(first.taskState()).isEmpty();
        // DISK_GB as Placement allocates it: root 1 + ephemeral 2 + swap 1536 MiB rounded up to 2 GiB
        assertThat(first.flavor()).isEqualTo(new io.dayshift.compute.ServerDetail.ServerFlavor("m1.tiny.specs", 1, 512, 5,
                java.util.Map.of("hw:cpu_policy", "dedicated")));
        assertThat(servers.get(1).flavor().extraSpecs()).isEmpty();
        assertThat(servers.get(1).flavor().diskGb()).isEqualTo(20);
        assertThat(servers.get(1).taskState()).contains("migrating");
    }

    /** The example of Nova's API reference for {@code GET /os-aggregates} (2.41). */
    @Test
    void aggregatesWithTheirHostsAndMetadata() throws Exception {
        String json = """
                {"aggregates": [{"availability_zone": "london", "created_at": "2016-12-27T23:47:32.911515", "deleted": false,
                  "deleted_at": null, "hosts": ["compute"], "id": 1, "metadata": {"availability_zone": "london"}, "name": "name",
                  "updated_at": null, "uuid": "6ba28ba7-f29b-45cc-a30b-6e3a40c2fb14"},
                 {"availability_zone": null, "hosts": ["cn02", "cn03"], "id": 2, "metadata": {"ssd": "true,fast"}, "name": "ssd-hosts",
                  "uuid": "7ba28ba7-f29b-45cc-a30b-6e3a40c2fb14"}]}""";

        List<io.dayshift.compute.HostAggregate> aggregates = NovaJson.aggregates(parseNode(json));

        assertThat(aggregates).containsExactly(
                new io.dayshift.compute.HostAggregate("name", List.of("compute"), java.util.Map.of("availability_zone", "london")),
                new io.dayshift.compute.HostAggregate("ssd-hosts", List.of("cn02", "cn03"), java.util.Map.of("ssd", "true,fast")));
    }
}
