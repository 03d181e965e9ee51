package io.dayshift.adapter.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.compute.ServerRequest;
import java.util.Optional;

/**
 * The bodies and microversions of the compute requests openstack4j 3.12 cannot send (see the
 * adapter's README section): each constant is the microversion the body is valid for.
 */
final class RequestBodies {

    /** {@code forced_down} in service listings; legacy {@code /os-services/<action>} PUTs stay valid up to 2.52. */
    static final String SERVICES = "2.11";
    /** Hypervisor ids are UUIDs (= Placement resource provider ids); usage fields exist until 2.87. */
    static final String HYPERVISORS = "2.53";
    /** Live migration: {@code host} may be null, {@code block_migration} may be "auto", no {@code disk_over_commit}. */
    static final String LIVE_MIGRATE = "2.30";
    /** Cold migration may name a host. */
    static final String COLD_MIGRATE = "2.56";
    /** Evacuation without {@code onSharedStorage} (Nova finds out itself) and without an admin password. */
    static final String EVACUATE = "2.29";
    /** Migrations can be filtered by {@code instance_uuid} and carry their {@code uuid}. */
    static final String MIGRATIONS = "2.59";
    /** A server may be booted on a named {@code host}. */
    static final String BOOT = "2.74";
    /** Servers embed their flavor ({@code vcpus}, {@code ram}, {@code disk}, {@code ephemeral}, {@code swap}, {@code original_name}). */
    static final String SERVER_FLAVORS = "2.47";
    /** Server groups carry one {@code policy} (and {@code rules}) instead of the {@code policies} list. */
    static final String SERVER_GROUPS = "2.64";
    /** Aggregates carry their {@code uuid}. */
    static final String AGGREGATES = "2.41";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RequestBodies() {
    }

    /** {@code PUT /os-services/disable-log-reason} (below 2.53). */
    static JsonNode disableWithReason(String host, String binary, String reason) {
        ObjectNode body = F.objectNode();
        body.put("host", host).put("binary", binary).put("disabled_reason", reason);
        return body;
    }

    /**
     * {@code POST /servers/{id}/action} {@code os-migrateLive}: {@code host} is always present (null lets
     * the scheduler choose; openstack4j drops null fields, which Nova rejects), {@code block_migration}
     * "auto" lets Nova decide between shared and local storage.
     */
    static JsonNode liveMigrate(Optional<String> host) {
        ObjectNode inner = F.objectNode();
        host.ifPresentOrElse(h -> inner.put("host", h), () -> inner.putNull("host"));
        inner.put("block_migration", "auto");
        ObjectNode body = F.objectNode();
        body.set("os-migrateLive", inner);
        return body;
    }

    /** {@code {"migrate": null}} or, from 2.56, {@code {"migrate": {"host": h}}}. */
    static JsonNode coldMigrate(Optional<String> host) {
        ObjectNode body = F.objectNode();
        host.ifPresentOrElse(h -> body.putObject("migrate").put("host", h), () -> body.putNull("migrate"));
        return body;
    }

    /** {@code {"evacuate": {}}}: the scheduler chooses the host. */
    static JsonNode evacuate() {
        ObjectNode body = F.objectNode();
        body.putObject("evacuate");
        return body;
    }

    /** {@code POST /servers} at 2.74: pinned with {@code host}, and {@code networks} is required from 2.37 ("none" or a list). */
    static JsonNode boot(ServerRequest request) {
        ObjectNode server = F.objectNode();
        server.put("name", request.name())
                .put("flavorRef", request.flavorId())
                .put("imageRef", request.imageId());
        request.networkId().ifPresentOrElse(
                net -> server.putArray("networks").addObject().put("uuid", net),
                () -> server.put("networks", "none"));
        request.host().ifPresent(h -> server.put("host", h));
        ObjectNode body = F.objectNode();
        body.set("server", server);
        return body;
    }
}
