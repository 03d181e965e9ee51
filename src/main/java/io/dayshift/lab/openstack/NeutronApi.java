package io.dayshift.lab.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.lab.model.FloatingIp;
import io.dayshift.lab.model.Instance;
import io.dayshift.lab.model.InstanceStatus;
import io.dayshift.lab.model.LabException;
import io.dayshift.lab.model.LabNetwork;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.NetworkAgent;
import io.dayshift.lab.model.Port;
import io.dayshift.lab.model.SecurityGroup;
import io.dayshift.lab.model.SecurityGroupRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Neutron v2.0 of a lab site: agents (list, show, admin state), networks, ports, floating IPs, security groups and
 * their rules, with Neutron's filters (any field, several values). A server's port is bound to the host the server
 * is on now, as Neutron's port bindings follow a migration.
 */
@RestController
@ConditionalOnProperty(prefix = "dayshift.lab", name = "enabled", havingValue = "true")
@RequestMapping("/lab/openstack/{site}/network/v2.0")
class NeutronApi {

    private static final List<String> NOT_FILTERS = List.of("fields", "limit", "marker", "sort_key", "sort_dir", "page_reverse");

    @GetMapping("/agents")
    ResponseEntity<String> agents(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestParam MultiValueMap<String, String> query) {
        Instant now = site.now();
        return list("agents", site.neutron().networkAgents().stream().map(a -> agent(a, now)).toList(), query);
    }

    @GetMapping("/agents/{id}")
    ResponseEntity<String> agent(@RequestAttribute(TokenCheck.SITE) LabSite site, @PathVariable String id) {
        NetworkAgent a = site.neutron().networkAgents().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> notFound("AgentNotFound", "Agent " + id + " could not be found."));
        return one("agent", agent(a, site.now()));
    }

    @PutMapping("/agents/{id}")
    ResponseEntity<String> updateAgent(@RequestAttribute(TokenCheck.SITE) LabSite site, @PathVariable String id,
                                       @RequestBody(required = false) String text) {
        JsonNode body = Api.parse(text).path("agent");
        if (!body.has("admin_state_up") || !body.get("admin_state_up").isBoolean()) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "Invalid input for operation: 'admin_state_up' must be a boolean.");
        }
        if (site.neutron().networkAgents().stream().noneMatch(a -> a.id().equals(id))) {
            throw notFound("AgentNotFound", "Agent " + id + " could not be found.");
        }
        site.neutron().setAgentAdminState(id, body.get("admin_state_up").asBoolean());
        return agent(site, id);
    }

    @GetMapping("/networks")
    ResponseEntity<String> networks(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestParam MultiValueMap<String, String> query) {
        return list("networks", site.neutron().networks().stream().map(n -> network(site, n)).toList(), query);
    }

    @GetMapping("/ports")
    ResponseEntity<String> ports(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestParam MultiValueMap<String, String> query) {
        return list("ports", ports(site), query);
    }

    @GetMapping("/ports/{id}")
    ResponseEntity<String> port(@RequestAttribute(TokenCheck.SITE) LabSite site, @PathVariable String id) {
        ObjectNode port = ports(site).stream().filter(p -> p.path("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> notFound("PortNotFound", "Port " + id + " could not be found."));
        return one("port", port);
    }

    @GetMapping("/floatingips")
    ResponseEntity<String> floatingIps(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestParam MultiValueMap<String, String> query) {
        List<ObjectNode> out = new ArrayList<>();
        Instant created = site.now().minus(Duration.ofDays(30));
        for (FloatingIp f : site.neutron().floatingIps()) {
            ObjectNode o = Api.object().put("id", f.id()).put("tenant_id", f.projectId()).put("floating_ip_address", f.address())
                    .put("floating_network_id", f.floatingNetworkId());
            NovaViews.nullable(o, "router_id", f.associated() ? Api.uuid(site.name(), "router", f.projectId()) : "");
            NovaViews.nullable(o, "port_id", f.portId());
            NovaViews.nullable(o, "fixed_ip_address", f.fixedIpAddress());
            o.put("status", f.status()).put("description", "").putNull("qos_policy_id").putNull("port_details");
            o.putArray("tags");
            o.put("created_at", Api.seconds(created)).put("updated_at", Api.seconds(created)).put("revision_number", f.associated() ? 2 : 0)
                    .put("project_id", f.projectId());
            out.add(o);
        }
        return list("floatingips", out, query);
    }

    @GetMapping("/security-groups")
    ResponseEntity<String> securityGroups(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestParam MultiValueMap<String, String> query) {
        List<ObjectNode> out = new ArrayList<>();
        for (SecurityGroup g : site.neutron().securityGroups()) {
            ObjectNode o = Api.object().put("id", g.id()).put("name", g.name()).put("tenant_id", g.projectId()).put("description", g.description());
            ArrayNode rules = o.putArray("security_group_rules");
            g.rules().forEach(r -> rules.add(rule(site, g, r)));
            o.put("stateful", true).putArray("tags");
            o.put("project_id", g.projectId());
            out.add(o);
        }
        return list("security_groups", out, query);
    }

    @GetMapping("/security-group-rules")
    ResponseEntity<String> securityGroupRules(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestParam MultiValueMap<String, String> query) {
        List<ObjectNode> out = new ArrayList<>();
        for (SecurityGroup g : site.neutron().securityGroups()) {
            g.rules().forEach(r -> out.add(rule(site, g, r)));
        }
        return list("security_group_rules", out, query);
    }

    @ExceptionHandler(LabException.class)
    ResponseEntity<String> refused(LabException e) {
        int status = Api.status(e);
        String type = e instanceof NotFound nf ? nf.type : status == 404 ? "NotFound" : status == 409 ? "Conflict" : "HTTPBadRequest";
        return Api.json(status, Api.neutronFault(type, e.getMessage()));
    }

    // ---- views --------------------------------------------------------------------------------

    private static ObjectNode agent(NetworkAgent a, Instant now) {
        String started = Api.SPACED.format(now.minus(Duration.ofDays(20)));
        ObjectNode o = Api.object().put("id", a.id()).put("agent_type", a.agentType()).put("binary", a.binary()).put("topic", topic(a))
                .put("host", a.host()).put("admin_state_up", a.adminStateUp()).put("created_at", started).put("started_at", started)
                .put("heartbeat_timestamp", Api.SPACED.format(now.minus(a.alive() ? Duration.ofSeconds(10) : Duration.ofMinutes(5))));
        o.putNull("description").putNull("resources_synced");
        boolean zoned = a.agentType().equals("L3 agent") || a.agentType().equals("DHCP agent");
        NovaViews.nullable(o, "availability_zone", zoned ? a.zone() : "");
        o.put("alive", a.alive()).putObject("configurations");
        return o;
    }

    private static String topic(NetworkAgent a) {
        return switch (a.agentType()) {
            case "L3 agent" -> "l3_agent";
            case "DHCP agent" -> "dhcp_agent";
            case "Open vSwitch agent" -> "N/A";
            default -> "n/a";
        };
    }

    private static ObjectNode network(LabSite site, LabNetwork n) {
        Instant created = site.now().minus(Duration.ofDays(400));
        ObjectNode o = Api.object().put("id", n.id()).put("name", n.name()).put("tenant_id", n.projectId()).put("admin_state_up", true)
                .put("mtu", n.external() ? 1500 : 1450).put("status", "ACTIVE");
        o.putArray("subnets").add(Api.uuid(site.name(), "subnet", n.id()));
        o.put("shared", n.shared());
        o.putArray("availability_zone_hints");
        o.putArray("availability_zones").add("nova");
        o.putNull("ipv4_address_scope").putNull("ipv6_address_scope").put("router:external", n.external()).put("description", "")
                .put("port_security_enabled", true);
        o.putArray("tags");
        o.put("created_at", Api.seconds(created)).put("updated_at", Api.seconds(created)).put("revision_number", 2).put("project_id", n.projectId())
                .put("provider:network_type", n.external() ? "flat" : "vxlan");
        NovaViews.nullable(o, "provider:physical_network", n.external() ? "physnet1" : "");
        if (n.external()) {
            o.putNull("provider:segmentation_id");
        } else {
            o.put("provider:segmentation_id", n.segmentationId());
        }
        return o;
    }

    private static List<ObjectNode> ports(LabSite site) {
        Map<String, Instance> servers = site.nova().instances().stream().collect(Collectors.toMap(Instance::id, Function.identity()));
        Map<String, String> defaultGroups = site.neutron().securityGroups().stream().filter(g -> g.name().equals("default"))
                .collect(Collectors.toMap(SecurityGroup::projectId, SecurityGroup::id, (a, b) -> a));
        Instant created = site.now().minus(Duration.ofDays(3));
        List<ObjectNode> out = new ArrayList<>();
        for (Port p : site.neutron().ports()) {
            Optional<Instance> server = Optional.ofNullable(servers.get(p.deviceId())).filter(i -> p.deviceOwner().startsWith("compute:"));
            String host = server.map(Instance::host).orElse(p.hostId());
            boolean bound = !host.isEmpty();
            boolean plugged = bound && !p.deviceId().isEmpty() && server.map(i -> i.status() != InstanceStatus.BUILD).orElse(true);
            ObjectNode o = Api.object().put("id", p.id()).put("name", p.name()).put("network_id", p.networkId()).put("tenant_id", p.projectId())
                    .put("mac_address", p.macAddress()).put("admin_state_up", true).put("status", plugged ? "ACTIVE" : "DOWN")
                    .put("device_id", p.deviceId()).put("device_owner", p.deviceOwner());
            o.putArray("fixed_ips").addObject().put("subnet_id", Api.uuid(site.name(), "subnet", p.networkId())).put("ip_address", p.fixedIpAddress());
            o.putArray("allowed_address_pairs");
            o.putArray("extra_dhcp_opts");
            ArrayNode groups = o.putArray("security_groups");
            Optional.ofNullable(defaultGroups.get(p.projectId())).ifPresent(groups::add);
            o.put("description", "").put("binding:vnic_type", "normal").putObject("binding:profile");
            o.put("binding:host_id", host).put("binding:vif_type", bound ? "ovs" : "unbound");
            ObjectNode details = o.putObject("binding:vif_details");
            if (bound) {
                details.put("port_filter", true).put("ovs_hybrid_plug", false).put("connectivity", "l2");
            }
            o.put("port_security_enabled", true).putArray("tags");
            o.put("created_at", Api.seconds(created)).put("updated_at", Api.seconds(created)).put("revision_number", bound ? 4 : 1)
                    .put("project_id", p.projectId());
            out.add(o);
        }
        return out;
    }

    private static ObjectNode rule(LabSite site, SecurityGroup g, SecurityGroupRule r) {
        Instant created = site.now().minus(Duration.ofDays(100));
        ObjectNode o = Api.object().put("id", r.id()).put("tenant_id", g.projectId()).put("security_group_id", r.securityGroupId())
                .put("ethertype", r.ethertype()).put("direction", r.direction());
        NovaViews.nullable(o, "protocol", r.protocol());
        if (r.portMin() == null) {
            o.putNull("port_range_min");
        } else {
            o.put("port_range_min", r.portMin());
        }
        if (r.portMax() == null) {
            o.putNull("port_range_max");
        } else {
            o.put("port_range_max", r.portMax());
        }
        NovaViews.nullable(o, "remote_ip_prefix", r.remoteIpPrefix());
        o.putNull("remote_address_group_id");
        NovaViews.nullable(o, "normalized_cidr", r.remoteIpPrefix());
        NovaViews.nullable(o, "remote_group_id", r.remoteGroupId());
        o.putNull("description").put("created_at", Api.seconds(created)).put("updated_at", Api.seconds(created)).put("revision_number", 0)
                .put("project_id", g.projectId());
        return o;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static ResponseEntity<String> list(String key, List<ObjectNode> items, MultiValueMap<String, String> query) {
        ObjectNode body = Api.object();
        body.set(key, Api.filter(items, query, NOT_FILTERS));
        return Api.json(200, body);
    }

    private static ResponseEntity<String> one(String key, ObjectNode item) {
        ObjectNode body = Api.object();
        body.set(key, item);
        return Api.json(200, body);
    }

    private static NotFound notFound(String type, String message) {
        return new NotFound(type, message);
    }

    /** A 404 with Neutron's error type ({@code PortNotFound}, {@code AgentNotFound}…). */
    static final class NotFound extends LabException {
        final String type;

        NotFound(String type, String message) {
            super(Kind.NOT_FOUND, message);
            this.type = type;
        }
    }
}
