package io.dayshift.adapter.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.HostAggregate;
import io.dayshift.compute.Hypervisor;
import io.dayshift.compute.ResourceInventory;
import io.dayshift.compute.ResourceUsage;
import io.dayshift.compute.ServerDetail;
import io.dayshift.compute.ServerGroup;
import io.dayshift.compute.ServerRequest;
import io.dayshift.compute.ServerSettlement;
import io.dayshift.compute.ServerSummary;
import io.dayshift.site.Site;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.model.compute.Server;

/**
 * {@link ComputeCloud} on Nova and Placement. openstack4j's typed calls are used where they are
 * right (server reads and listings, enable, force down/up, confirm, delete); {@link RawApi} requests
 * with an explicit microversion fill the gaps of openstack4j 3.12.
 */
final class OpenStackComputeCloud implements ComputeCloud {

    private static final String COMPUTE = ComputeService.NOVA_COMPUTE;
    /** Nova's column for the disabled reason holds 255 characters. */
    private static final int MAX_REASON = 255;

    private final OpenStackCalls calls;
    private final int pageSize;

    OpenStackComputeCloud(OpenStackCalls calls, int pageSize) {
        this.calls = calls;
        this.pageSize = pageSize;
    }

    // ---- compute services -------------------------------------------------------------------

    @Override
    public List<ComputeService> computeServices(Site site) {
        return calls.call(site, "list compute services", "", os -> listServices(Map.of()));
    }

    @Override
    public Optional<ComputeService> computeService(Site site, String host) {
        return calls.call(site, "read compute service", "host " + host, os -> computeServiceOf(host));
    }

    @Override
    public ComputeService disableComputeService(Site site, String host, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("site " + site.name() + ": disabling the compute service of host " + host + " needs a reason");
        }
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("site " + site.name() + ": the reason for disabling host " + host
                    + " is longer than Nova's " + MAX_REASON + " characters");
        }
        return calls.call(site, "disable compute service", "host " + host, os -> {
            // openstack4j has no call for a reason; below 2.53 the legacy action URL takes one.
            RawApi.compute().put("/os-services/disable-log-reason",
                    RequestBodies.disableWithReason(host, COMPUTE, reason), RequestBodies.SERVICES);
            return requireService(host);
        });
    }

    @Override
    public ComputeService enableComputeService(Site site, String host) {
        return changeService(site, "enable compute service", host, os -> os.compute().services().enableService(COMPUTE, host));
    }

    @Override
    public ComputeService forceDownComputeService(Site site, String host) {
        return changeService(site, "force down compute service", host, os -> os.compute().services().forceDownService(COMPUTE, host));
    }

    @Override
    public ComputeService unsetForcedDown(Site site, String host) {
        return changeService(site, "unset forced-down of compute service", host, os -> os.compute().services().forceUpService(COMPUTE, host));
    }

    /** Changes the nova-compute service of {@code host} and reads it back as it is now. */
    private ComputeService changeService(Site site, String operation, String host, Consumer<OSClientV3> change) {
        return calls.call(site, operation, "host " + host, os -> {
            change.accept(os);
            return requireService(host);
        });
    }

    private List<ComputeService> listServices(Map<String, String> filter) {
        return NovaJson.services(RawApi.compute().get("/os-services", filter, RequestBodies.SERVICES));
    }

    private Optional<ComputeService> computeServiceOf(String host) {
        return listServices(Map.of("binary", COMPUTE, "host", host)).stream()
                .filter(s -> s.host().equals(host) && s.isCompute())
                .findFirst();
    }

    private ComputeService requireService(String host) {
        return computeServiceOf(host).orElseThrow(() -> new ApiException(404, "no nova-compute service on host " + host));
    }

    // ---- hypervisors and capacity -----------------------------------------------------------

    @Override
    public List<Hypervisor> hypervisors(Site site) {
        return calls.call(site, "list hypervisors", "", os -> Pages.all(pageSize,
                (marker, limit) -> {
                    Map<String, Object> query = new LinkedHashMap<>();
                    query.put("limit", limit);
                    marker.ifPresent(m -> query.put("marker", m));
                    return NovaJson.hypervisors(RawApi.compute().get("/os-hypervisors/detail", query, RequestBodies.HYPERVISORS));
                },
                Hypervisor::id));
    }

    @Override
    public List<ResourceInventory> inventories(Site site, String hypervisorHostname) {
        return calls.call(site, "read placement inventories", "hypervisor " + hypervisorHostname, os -> {
            RawApi placement = RawApi.placement();
            String uuid = NovaJson.firstProviderUuid(placement.get("/resource_providers", Map.of("name", hypervisorHostname), null))
                    .orElseThrow(() -> new ApiException(404, "placement has no resource provider named " + hypervisorHostname));
            return NovaJson.inventories(placement.get("/resource_providers/" + uuid + "/inventories", Map.of(), null));
        });
    }

    // ---- servers ----------------------------------------------------------------------------

    @Override
    public List<ServerSummary> serversOnHost(Site site, String host) {
        return calls.call(site, "list servers", "host " + host, os -> allServers(os, "host", host));
    }

    @Override
    public List<ServerSummary> serversNamed(Site site, String name) {
        // Nova's name filter is a regular expression: anchor it, quote the name, and keep only exact matches
        return calls.call(site, "list servers", "name " + name,
                os -> allServers(os, "name", "^" + name.replaceAll("[^A-Za-z0-9_-]", ".") + "$"))
                .stream().filter(s -> s.name().equals(name)).toList();
    }

    /** Every server of every project matching one filter of Nova's server list, all pages. */
    private List<ServerSummary> allServers(OSClientV3 os, String filter, String value) {
        return Pages.all(pageSize,
                (marker, limit) -> {
                    Map<String, String> query = new LinkedHashMap<>();
                    query.put("all_tenants", "1");
                    query.put(filter, value);
                    query.put("limit", String.valueOf(limit));
                    marker.ifPresent(m -> query.put("marker", m));
                    return os.compute().servers().list(query).stream().map(OpenStackComputeCloud::summary).toList();
                },
                ServerSummary::id);
    }

    @Override
    public Optional<ServerSummary> server(Site site, String serverId) {
        return calls.call(site, "read server", "server " + serverId,
                os -> Optional.ofNullable(os.compute().servers().get(serverId)).map(OpenStackComputeCloud::summary));
    }

    @Override
    public void liveMigrate(Site site, String serverId) {
        migrate(site, serverId, Optional.empty(), "live migration", RequestBodies::liveMigrate, RequestBodies.LIVE_MIGRATE);
    }

    @Override
    public void liveMigrate(Site site, String serverId, String targetHost) {
        migrate(site, serverId, Optional.of(targetHost), "live migration", RequestBodies::liveMigrate, RequestBodies.LIVE_MIGRATE);
    }

    @Override
    public void coldMigrate(Site site, String serverId) {
        migrate(site, serverId, Optional.empty(), "cold migration", RequestBodies::coldMigrate, RequestBodies.COLD_MIGRATE);
    }

    @Override
    public void coldMigrate(Site site, String serverId, String targetHost) {
        migrate(site, serverId, Optional.of(targetHost), "cold migration", RequestBodies::coldMigrate, RequestBodies.COLD_MIGRATE);
    }

    /** A live or cold migration, to {@code target} or, without one, where the scheduler chooses. */
    private void migrate(Site site, String serverId, Optional<String> target, String operation,
                         Function<Optional<String>, JsonNode> body, String microversion) {
        calls.call(site, operation + target.map(t -> " to host " + t).orElse(""), "server " + serverId, os ->
                serverAction(serverId, body.apply(target), microversion));
    }

    @Override
    public void confirmMigration(Site site, String serverId) {
        calls.call(site, "confirm migration", "server " + serverId, os -> {
            // An invokeAction call: it never throws, the outcome is in the ActionResponse.
            ActionResponse response = os.compute().servers().confirmResize(serverId);
            return requireSuccess(response);
        });
    }

    @Override
    public void evacuate(Site site, String serverId) {
        calls.call(site, "evacuation", "server " + serverId, os ->
                serverAction(serverId, RequestBodies.evacuate(), RequestBodies.EVACUATE));
    }

    @Override
    public ServerSettlement settlement(Site site, String serverId) {
        return calls.call(site, "check settlement", "server " + serverId, os -> {
            // The migration first: Nova sets the server's new host before it marks the migration
            // done (an evacuation clears the task state even earlier), so a done migration read
            // first guarantees that the server read next shows where it ended up.
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("instance_uuid", serverId);
            query.put("limit", 1);
            JsonNode migrations = RawApi.compute().get("/os-migrations", query, RequestBodies.MIGRATIONS);
            Server server = os.compute().servers().get(serverId);
            if (server == null) {
                throw new ApiException(404, "server " + serverId + " does not exist");
            }
            return Settlements.of(summary(server), NovaJson.newestMigration(migrations));
        });
    }

    @Override
    public String bootServer(Site site, ServerRequest request) {
        return calls.call(site, "boot server " + request.name()
                        + request.host().map(h -> " on host " + h).orElse(""), "flavor " + request.flavorId(), os ->
                Json.required(RawApi.compute().post("/servers", RequestBodies.boot(request), RequestBodies.BOOT).path("server"), "id"));
    }

    @Override
    public void deleteServer(Site site, String serverId) {
        calls.call(site, "delete server", "server " + serverId, os -> {
            ActionResponse response = os.compute().servers().delete(serverId);
            return response.getCode() == 404 ? Boolean.TRUE : requireSuccess(response);
        });
    }

    private static Boolean serverAction(String serverId, JsonNode body, String microversion) {
        RawApi.compute().post("/servers/" + serverId + "/action", body, microversion);
        return Boolean.TRUE;
    }

    private static Boolean requireSuccess(ActionResponse response) {
        if (!response.isSuccess()) {
            throw new ApiException(response.getCode(), String.valueOf(response.getFault()));
        }
        return Boolean.TRUE;
    }

    static ServerSummary summary(Server server) {
        return new ServerSummary(
                server.getId(),
                server.getName(),
                server.getTenantId(),
                server.getStatus() == null ? "UNKNOWN" : server.getStatus().name(),
                Optional.ofNullable(server.getTaskState()).filter(t -> !t.isBlank()),
                Optional.ofNullable(server.getHost()).filter(h -> !h.isBlank()));
    }

    // ---- capacity planning --------------------------------------------------------------------

    @Override
    public List<ServerDetail> serverDetailsOnHost(Site site, String host) {
        return calls.call(site, "list servers with flavors", "host " + host, os -> Pages.all(pageSize,
                (marker, limit) -> {
                    Map<String, Object> query = new LinkedHashMap<>();
                    query.put("all_tenants", "1");
                    query.put("host", host);
                    query.put("limit", limit);
                    marker.ifPresent(m -> query.put("marker", m));
                    return NovaJson.serverDetails(RawApi.compute().get("/servers/detail", query, RequestBodies.SERVER_FLAVORS));
                },
                ServerDetail::id));
    }

    @Override
    public List<ServerGroup> serverGroups(Site site) {
        return calls.call(site, "list server groups", "all projects", os -> {
            // os-server-groups pages by offset, not by marker; a short page may still be capped by [api] max_limit.
            List<ServerGroup> all = new java.util.ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (true) {
                Map<String, Object> query = new LinkedHashMap<>();
                query.put("all_projects", "True");
                query.put("limit", pageSize);
                query.put("offset", all.size());
                List<ServerGroup> page = NovaJson.serverGroups(RawApi.compute().get("/os-server-groups", query, RequestBodies.SERVER_GROUPS));
                if (page.isEmpty() || !page.stream().map(ServerGroup::id).allMatch(seen::add)) {
                    return all;
                }
                all.addAll(page);
            }
        });
    }

    @Override
    public List<HostAggregate> aggregates(Site site) {
        return calls.call(site, "list host aggregates", "all aggregates",
                os -> NovaJson.aggregates(RawApi.compute().get("/os-aggregates", Map.of(), RequestBodies.AGGREGATES)));
    }

    @Override
    public List<ResourceUsage> usages(Site site, String hypervisorHostname) {
        return calls.call(site, "read placement usages", "hypervisor " + hypervisorHostname, os -> {
            RawApi placement = RawApi.placement();
            String uuid = NovaJson.firstProviderUuid(placement.get("/resource_providers", Map.of("name", hypervisorHostname), null))
                    .orElseThrow(() -> new ApiException(404, "placement has no resource provider named " + hypervisorHostname));
            return NovaJson.usages(placement.get("/resource_providers/" + uuid + "/usages", Map.of(), null));
        });
    }
}
