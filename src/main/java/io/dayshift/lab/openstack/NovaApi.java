package io.dayshift.lab.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.lab.model.Flavor;
import io.dayshift.lab.model.HostAggregate;
import io.dayshift.lab.model.Hypervisor;
import io.dayshift.lab.model.Instance;
import io.dayshift.lab.model.LabException;
import io.dayshift.lab.model.LabNetwork;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.Migration;
import io.dayshift.lab.model.NovaService;
import io.dayshift.lab.model.Port;
import io.dayshift.lab.model.ServerGroup;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Nova (compute API 2.1 to 2.93) of a lab site: the services, hypervisors, servers, server actions, migrations and
 * flavors the production adapter uses, with the microversion rules it relies on (service ids are UUIDs and the
 * legacy {@code os-services/<action>} URLs are gone from 2.53; {@code forced_down} from 2.11; live migration with
 * {@code host} null and {@code block_migration: "auto"} from 2.25; cold migration to a host from 2.56; evacuation
 * without {@code onSharedStorage} from 2.14; migration UUIDs and paging from 2.59; boot on a {@code host} from 2.74;
 * hypervisor UUIDs from 2.53).
 */
@RestController
@ConditionalOnProperty(prefix = "dayshift.lab", name = "enabled", havingValue = "true")
@RequestMapping("/lab/openstack/{site}/compute/v2.1")
class NovaApi {

    private static final int MAX_LIMIT = 1000;
    private final SecureRandom random = new SecureRandom();

    // ---- services -----------------------------------------------------------------------------

    @GetMapping("/os-services")
    ResponseEntity<String> services(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestParam Map<String, String> query,
                                    HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        ArrayNode list = Api.array();
        Instant now = site.now();
        for (NovaService s : site.nova().novaServices()) {
            if (query.containsKey("binary") && !query.get("binary").equals(s.binary()) || query.containsKey("host") && !query.get("host").equals(s.host())) {
                continue;
            }
            list.add(NovaViews.service(s, now, mv));
        }
        ObjectNode body = Api.object();
        body.set("services", list);
        return Api.json(200, body, mv.headers());
    }

    private static final List<String> LEGACY_ACTIONS = List.of("enable", "disable", "disable-log-reason", "force-down");

    /** {@code PUT /os-services/<action>} below 2.53, {@code PUT /os-services/<uuid>} from 2.53. */
    @PutMapping("/os-services/{id}")
    ResponseEntity<String> updateService(@RequestAttribute(TokenCheck.SITE) LabSite site, @PathVariable String id,
                                         @RequestBody(required = false) String text, HttpServletRequest request) {
        return LEGACY_ACTIONS.contains(id) ? legacyServiceAction(site, id, text, request) : updateServiceById(site, id, text, request);
    }

    private ResponseEntity<String> legacyServiceAction(LabSite site, String action, String text, HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        if (mv.atLeast("2.53") || action.equals("force-down") && !mv.atLeast("2.11")) {
            return Api.json(404, Api.novaFault(404, "The resource could not be found."), mv.headers());
        }
        JsonNode body = Api.parse(text);
        String host = body.path("host").asText("");
        String binary = body.path("binary").asText("");
        if (host.isEmpty() || binary.isEmpty()) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "Invalid input for field/attribute host or binary: both are required.");
        }
        requireComputeService(site, host, binary);
        ObjectNode service = Api.object().put("host", host).put("binary", binary);
        switch (action) {
            case "enable" -> {
                site.nova().enableComputeService(host);
                service.put("status", "enabled");
            }
            case "disable" -> {
                site.nova().disableComputeService(host, "");
                service.put("status", "disabled");
            }
            case "disable-log-reason" -> {
                String reason = body.path("disabled_reason").asText("");
                if (!body.hasNonNull("disabled_reason")) {
                    throw new LabException(LabException.Kind.BAD_REQUEST, "Missing disabled reason field");
                }
                checkReason(reason);
                site.nova().disableComputeService(host, reason);
                service.put("status", "disabled").put("disabled_reason", reason);
            }
            default -> {
                if (!body.has("forced_down")) {
                    throw new LabException(LabException.Kind.BAD_REQUEST, "Missing forced_down field");
                }
                boolean down = body.get("forced_down").asBoolean();
                site.nova().setForcedDown(host, down);
                service.put("forced_down", down);
            }
        }
        ObjectNode answer = Api.object();
        answer.set("service", service);
        return Api.json(200, answer, mv.headers());
    }

    private ResponseEntity<String> updateServiceById(LabSite site, String id, String text, HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        if (!mv.atLeast("2.53")) {
            return Api.json(404, Api.novaFault(404, "The resource could not be found."), mv.headers());
        }
        NovaService service = site.nova().novaServices().stream().filter(s -> s.uuid().equals(id)).findFirst()
                .orElseThrow(() -> new LabException(LabException.Kind.NOT_FOUND, "Service " + id + " could not be found."));
        JsonNode body = Api.parse(text);
        if (!service.binary().equals("nova-compute")) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "Updating a " + service.binary() + " service is not supported. Only "
                    + "nova-compute services can be updated.");
        }
        String status = body.path("status").asText("");
        if (body.has("disabled_reason") && !status.equals("disabled")) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "Specifying 'disabled_reason' with status other than 'disabled' is invalid.");
        }
        if (status.equals("disabled")) {
            String reason = body.path("disabled_reason").asText("");
            checkReason(reason);
            site.nova().disableComputeService(service.host(), reason);
        } else if (status.equals("enabled")) {
            site.nova().enableComputeService(service.host());
        } else if (!status.isEmpty()) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "Invalid input for field/attribute status. Value: " + status
                    + ". 'enabled' or 'disabled' expected.");
        }
        if (body.has("forced_down")) {
            site.nova().setForcedDown(service.host(), body.get("forced_down").asBoolean());
        }
        NovaService now = site.nova().novaServices().stream().filter(s -> s.uuid().equals(id)).findFirst().orElseThrow();
        ObjectNode answer = Api.object();
        answer.set("service", NovaViews.service(now, site.now(), mv));
        return Api.json(200, answer, mv.headers());
    }

    private static void requireComputeService(LabSite site, String host, String binary) {
        if (site.nova().hypervisor(host).isEmpty()) {
            throw new LabException(LabException.Kind.NOT_FOUND, "Host '" + host + "' is not mapped to any cell");
        }
        if (!binary.equals("nova-compute")) {
            throw new LabException(LabException.Kind.NOT_FOUND, "Service binary " + binary + " on host " + host + " could not be found.");
        }
    }

    private static void checkReason(String reason) {
        if (reason.length() > 255) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "Invalid input for field/attribute disabled_reason. Value: " + reason
                    .substring(0, 20) + "... is too long");
        }
    }

    // ---- hypervisors --------------------------------------------------------------------------

    @GetMapping({"/os-hypervisors", "/os-hypervisors/detail"})
    ResponseEntity<String> hypervisors(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestParam Map<String, String> query,
                                       HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        boolean detail = request.getRequestURI().endsWith("/detail");
        List<Hypervisor> all = site.nova().hypervisors().stream().sorted(Comparator.comparingInt(Hypervisor::id)).toList();
        if (mv.atLeast("2.53") && query.containsKey("hypervisor_hostname_pattern")) {
            String pattern = query.get("hypervisor_hostname_pattern");
            all = all.stream().filter(h -> h.hostname().contains(pattern)).toList();
        }
        Function<Hypervisor, String> id = h -> mv.atLeast("2.53") ? Api.uuid(site.name(), "resource-provider", h.hostname()) : Integer.toString(h.id());
        Page<Hypervisor> page = page(all, id, query, mv.atLeast("2.33"), "marker [%s] not found");
        Map<String, NovaService> services = computeServices(site);
        ArrayNode list = Api.array();
        for (Hypervisor h : page.items()) {
            list.add(NovaViews.hypervisor(site, h, site.nova().usage(h.hostname()), services.get(h.hostname()), mv, detail));
        }
        ObjectNode body = Api.object();
        body.set("hypervisors", list);
        page.next(id).ifPresent(marker -> body.putArray("hypervisors_links").addObject().put("rel", "next")
                .put("href", compute(request, site) + "/os-hypervisors" + (detail ? "/detail" : "") + "?limit=" + page.limit() + "&marker=" + marker));
        return Api.json(200, body, mv.headers());
    }

    @GetMapping("/os-hypervisors/statistics")
    ResponseEntity<String> statistics(@RequestAttribute(TokenCheck.SITE) LabSite site, HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        if (mv.atLeast("2.88")) {
            return Api.json(404, Api.novaFault(404, "The resource could not be found."), mv.headers());
        }
        long count = 0, vcpus = 0, vcpusUsed = 0, ram = 0, ramUsed = 0, disk = 0, diskUsed = 0, vms = 0;
        for (Hypervisor h : site.nova().hypervisors()) {
            var u = site.nova().usage(h.hostname());
            count++;
            vcpus += h.vcpus();
            vcpusUsed += u.vcpusUsed();
            ram += h.ramMib();
            ramUsed += u.ramMibUsed();
            disk += h.diskGib();
            diskUsed += u.diskGibUsed();
            vms += u.instances();
        }
        ObjectNode body = Api.object();
        body.putObject("hypervisor_statistics").put("count", count).put("vcpus", vcpus).put("vcpus_used", vcpusUsed).put("memory_mb", ram)
                .put("memory_mb_used", ramUsed).put("free_ram_mb", ram - ramUsed).put("local_gb", disk).put("local_gb_used", diskUsed)
                .put("free_disk_gb", disk - diskUsed).put("disk_available_least", disk - diskUsed).put("current_workload", 0).put("running_vms", vms);
        return Api.json(200, body, mv.headers());
    }

    @GetMapping("/os-hypervisors/{id}")
    ResponseEntity<String> hypervisor(@RequestAttribute(TokenCheck.SITE) LabSite site, @PathVariable String id, HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        Hypervisor h = site.nova().hypervisors().stream()
                .filter(x -> mv.atLeast("2.53") ? Api.uuid(site.name(), "resource-provider", x.hostname()).equals(id) : Integer.toString(x.id()).equals(id))
                .findFirst().orElseThrow(() -> new LabException(LabException.Kind.NOT_FOUND, "Hypervisor " + id + " could not be found."));
        ObjectNode body = Api.object();
        body.set("hypervisor", NovaViews.hypervisor(site, h, site.nova().usage(h.hostname()), computeServices(site).get(h.hostname()), mv, true));
        return Api.json(200, body, mv.headers());
    }

    private static Map<String, NovaService> computeServices(LabSite site) {
        return site.nova().novaServices().stream().filter(s -> s.binary().equals("nova-compute")).collect(Collectors.toMap(NovaService::host, s -> s));
    }

    // ---- servers ------------------------------------------------------------------------------

    @GetMapping({"/servers", "/servers/detail"})
    ResponseEntity<String> servers(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestAttribute(TokenCheck.TOKEN) KeystoneTokens.Token token,
                                   @RequestParam Map<String, String> query, HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        boolean detail = request.getRequestURI().endsWith("/detail");
        boolean allTenants = query.containsKey("all_tenants") && !List.of("0", "false", "f", "no", "off").contains(query.get("all_tenants").toLowerCase(Locale.ROOT));
        String project = allTenants ? query.getOrDefault("project_id", query.getOrDefault("tenant_id", "")) : token.projectId();
        List<Instance> matching = site.nova().instances().stream()
                .filter(i -> project.isEmpty() || i.projectId().equals(project))
                .filter(i -> !query.containsKey("host") || i.host().equals(query.get("host")))
                .filter(i -> !query.containsKey("status") || i.status().name().equalsIgnoreCase(query.get("status")))
                .filter(i -> !query.containsKey("name") || i.name().matches(".*" + query.get("name") + ".*"))
                .filter(i -> !query.containsKey("availability_zone") || i.zone().equals(query.get("availability_zone")))
                .sorted(Comparator.comparing(Instance::createdAt).reversed().thenComparing(Instance::id, Comparator.reverseOrder()))
                .toList();
        Page<Instance> page = page(matching, Instance::id, query, true, "marker [%s] not found");
        String compute = compute(request, site);
        ArrayNode list = Api.array();
        if (detail) {
            Map<String, List<Port>> ports = site.neutron().ports().stream().collect(Collectors.groupingBy(Port::deviceId));
            Map<String, LabNetwork> networks = site.neutron().networks().stream().collect(Collectors.toMap(LabNetwork::id, n -> n));
            for (Instance i : page.items()) {
                list.add(NovaViews.server(site, i, compute, token.userId(), site.nova().imageOf(i.id()), ports.getOrDefault(i.id(), List.of()), networks, mv));
            }
        } else {
            page.items().forEach(i -> list.add(NovaViews.serverSummary(i, compute)));
        }
        ObjectNode body = Api.object();
        body.set("servers", list);
        page.next(Instance::id).ifPresent(marker -> body.putArray("servers_links").addObject().put("rel", "next")
                .put("href", compute + "/servers" + (detail ? "/detail" : "") + "?limit=" + page.limit() + "&marker=" + marker));
        return Api.json(200, body, mv.headers());
    }

    @GetMapping("/servers/{id}")
    ResponseEntity<String> server(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestAttribute(TokenCheck.TOKEN) KeystoneTokens.Token token,
                                  @PathVariable String id, HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        Instance i = requireServer(site, id);
        Map<String, LabNetwork> networks = site.neutron().networks().stream().collect(Collectors.toMap(LabNetwork::id, n -> n));
        List<Port> ports = site.neutron().ports().stream().filter(p -> p.deviceId().equals(id)).toList();
        ObjectNode body = Api.object();
        body.set("server", NovaViews.server(site, i, compute(request, site), token.userId(), site.nova().imageOf(id), ports, networks, mv));
        return Api.json(200, body, mv.headers());
    }

    @PostMapping("/servers")
    ResponseEntity<String> boot(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestAttribute(TokenCheck.TOKEN) KeystoneTokens.Token token,
                                @RequestBody(required = false) String text, HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        JsonNode body = Api.parse(text);
        JsonNode server = body.path("server");
        if (!server.isObject()) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "Invalid input for field/attribute server. 'server' is a required property");
        }
        String name = server.path("name").asText("");
        if (name.isBlank()) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "Invalid input for field/attribute name. Value: None. None is not of type 'string'");
        }
        if (server.has("host") && !mv.atLeast("2.74")) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "Invalid input for field/attribute server. Value: " + server
                    + ". Additional properties are not allowed ('host' was unexpected)");
        }
        JsonNode nets = server.path("networks");
        if (nets.isMissingNode() && mv.atLeast("2.37")) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "Invalid input for field/attribute server. Value: " + server
                    + ". 'networks' is a required property");
        }
        String network = "";
        String privateNet = site.neutron().networks().stream().filter(n -> n.name().equals("private")).map(LabNetwork::id).findFirst().orElse("");
        if (nets.isTextual()) {
            if (!mv.atLeast("2.37") || !List.of("none", "auto").contains(nets.asText())) {
                throw new LabException(LabException.Kind.BAD_REQUEST, "Invalid input for field/attribute networks. Value: " + nets.asText()
                        + ". 'none' or 'auto' expected, or a list of networks.");
            }
            network = nets.asText().equals("auto") ? privateNet : "";
        } else if (nets.isArray()) {
            if (nets.size() > 1) {
                throw new LabException(LabException.Kind.BAD_REQUEST, "The lab boots servers with at most one network.");
            }
            for (JsonNode n : nets) {
                if (!n.hasNonNull("uuid")) {
                    throw new LabException(LabException.Kind.BAD_REQUEST, "The lab boots servers on a network given by 'uuid' only.");
                }
                network = n.get("uuid").asText();
            }
        } else if (nets.isMissingNode()) {
            network = privateNet; // 2.1: the one network the project can see
        }
        String group = body.path("os:scheduler_hints").path("group").asText("");
        Instance booted = site.nova().bootServer(name, token.projectId(), server.path("flavorRef").asText(""), server.path("imageRef").asText(""),
                server.path("host").asText(""), server.path("availability_zone").asText(""), group, network);
        String compute = compute(request, site);
        ObjectNode answer = Api.object();
        ObjectNode s = answer.putObject("server").put("id", booted.id());
        NovaViews.links(s.putArray("links"), compute + "/servers/" + booted.id(),
                compute.substring(0, compute.length() - "/v2.1".length()) + "/servers/" + booted.id());
        s.put("OS-DCF:diskConfig", "MANUAL");
        s.putArray("security_groups").addObject().put("name", "default");
        s.put("adminPass", password());
        HttpHeaders headers = mv.headers();
        headers.set(HttpHeaders.LOCATION, compute + "/servers/" + booted.id());
        return Api.json(202, answer, headers);
    }

    @DeleteMapping("/servers/{id}")
    ResponseEntity<String> delete(@RequestAttribute(TokenCheck.SITE) LabSite site, @PathVariable String id, HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        requireServer(site, id);
        site.nova().deleteServer(id);
        return Api.empty(204, mv.headers());
    }

    @PostMapping("/servers/{id}/action")
    ResponseEntity<String> action(@RequestAttribute(TokenCheck.SITE) LabSite site, @PathVariable String id, @RequestBody(required = false) String text,
                                  HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        JsonNode body = Api.parse(text);
        requireServer(site, id);
        Iterator<String> names = body.fieldNames();
        String action = names.hasNext() ? names.next() : "";
        JsonNode args = body.path(action);
        switch (action) {
            case "os-migrateLive" -> {
                liveMigrate(site, id, args, mv);
                return Api.empty(202, mv.headers());
            }
            case "migrate" -> {
                String host = "";
                if (args.isObject() && args.has("host")) {
                    if (!mv.atLeast("2.56")) {
                        throw invalid("migrate", args, "Additional properties are not allowed ('host' was unexpected)");
                    }
                    host = args.path("host").asText("");
                }
                site.nova().coldMigrateServer(id, host);
                return Api.empty(202, mv.headers());
            }
            case "confirmResize" -> {
                site.nova().confirmResize(id);
                return Api.empty(204, mv.headers());
            }
            case "evacuate" -> {
                return evacuate(site, id, args, mv);
            }
            default -> throw new LabException(LabException.Kind.BAD_REQUEST, "There is no such action: " + action);
        }
    }

    private void liveMigrate(LabSite site, String id, JsonNode args, Microversion mv) {
        if (!args.isObject()) {
            throw invalid("os-migrateLive", args, "None is not of type 'object'");
        }
        if (!args.has("block_migration")) {
            throw invalid("os-migrateLive", args, "'block_migration' is a required property");
        }
        if (!args.has("host")) {
            throw invalid("os-migrateLive", args, "'host' is a required property");
        }
        JsonNode block = args.get("block_migration");
        if (mv.atLeast("2.25")) {
            if (args.has("disk_over_commit")) {
                throw invalid("os-migrateLive", args, "Additional properties are not allowed ('disk_over_commit' was unexpected)");
            }
            if (!block.isBoolean() && !(block.isTextual() && block.asText().equals("auto"))) {
                throw invalid("block_migration", block, "'" + block.asText() + "' is not one of [True, False, 'auto']");
            }
        } else {
            if (!args.has("disk_over_commit")) {
                throw invalid("os-migrateLive", args, "'disk_over_commit' is a required property");
            }
            if (!block.isBoolean()) {
                throw invalid("block_migration", block, block + " is not of type 'boolean'");
            }
        }
        if (args.has("force") && !mv.atLeast("2.30")) {
            throw invalid("os-migrateLive", args, "Additional properties are not allowed ('force' was unexpected)");
        }
        site.nova().liveMigrateServer(id, args.get("host").isNull() ? "" : args.get("host").asText());
    }

    private ResponseEntity<String> evacuate(LabSite site, String id, JsonNode args, Microversion mv) {
        if (!args.isObject()) {
            throw invalid("evacuate", args, "None is not of type 'object'");
        }
        if (mv.atLeast("2.14") && args.has("onSharedStorage")) {
            throw invalid("evacuate", args, "Additional properties are not allowed ('onSharedStorage' was unexpected)");
        }
        if (!mv.atLeast("2.14") && !args.has("onSharedStorage")) {
            throw invalid("evacuate", args, "'onSharedStorage' is a required property");
        }
        if (args.path("onSharedStorage").asBoolean(false) && args.has("adminPass")) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "admin password can't be changed on existing disk");
        }
        String host = args.path("host").asText("");
        if (!host.isEmpty()) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "The lab's evacuation lets the scheduler choose the host; do not name one.");
        }
        site.nova().evacuateServer(id);
        if (mv.atLeast("2.14")) {
            return Api.empty(200, mv.headers());
        }
        return Api.json(200, Api.object().put("adminPass", password()), mv.headers());
    }

    private static LabException invalid(String field, JsonNode value, String why) {
        return new LabException(LabException.Kind.BAD_REQUEST, "Invalid input for field/attribute " + field + ". Value: " + value + ". " + why);
    }

    private static Instance requireServer(LabSite site, String id) {
        return site.nova().instance(id).orElseThrow(() -> new LabException(LabException.Kind.NOT_FOUND, "Instance " + id + " could not be found."));
    }

    private String password() {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---- migrations ---------------------------------------------------------------------------

    @GetMapping("/os-migrations")
    ResponseEntity<String> migrations(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestParam Map<String, String> query,
                                      HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        List<Migration> matching = site.nova().migrations().stream()
                .filter(m -> !query.containsKey("instance_uuid") || m.instanceId().equals(query.get("instance_uuid")))
                .filter(m -> !query.containsKey("host") || m.sourceHost().equals(query.get("host")) || m.destHost().equals(query.get("host")))
                .filter(m -> !query.containsKey("source_compute") || m.sourceHost().equals(query.get("source_compute")))
                .filter(m -> !query.containsKey("status") || NovaViews.migrationStatus(m).equals(query.get("status")))
                .filter(m -> !query.containsKey("migration_type") || m.kind().equals(query.get("migration_type")))
                .sorted(Comparator.comparing(Migration::startedAt).reversed().thenComparing(Migration::id, Comparator.reverseOrder()))
                .toList();
        Function<Migration, String> id = m -> NovaViews.migrationUuid(site, m);
        Page<Migration> page = page(matching, id, query, mv.atLeast("2.59"), "Marker %s could not be found.");
        String compute = compute(request, site);
        ArrayNode list = Api.array();
        page.items().forEach(m -> list.add(NovaViews.migration(site, m, compute, mv)));
        ObjectNode body = Api.object();
        body.set("migrations", list);
        if (mv.atLeast("2.59")) {
            page.next(id).ifPresent(marker -> body.putArray("migrations_links").addObject().put("rel", "next")
                    .put("href", compute + "/os-migrations?limit=" + page.limit() + "&marker=" + marker));
        }
        return Api.json(200, body, mv.headers());
    }

    // ---- flavors ------------------------------------------------------------------------------

    @GetMapping({"/flavors", "/flavors/detail"})
    ResponseEntity<String> flavors(@RequestAttribute(TokenCheck.SITE) LabSite site, HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        boolean detail = request.getRequestURI().endsWith("/detail");
        String compute = compute(request, site);
        ArrayNode list = Api.array();
        site.nova().flavors().stream().sorted(Comparator.comparing(Flavor::id)).forEach(f -> list.add(NovaViews.flavor(f, compute, detail)));
        ObjectNode body = Api.object();
        body.set("flavors", list);
        return Api.json(200, body, mv.headers());
    }

    @GetMapping("/flavors/{id}")
    ResponseEntity<String> flavor(@RequestAttribute(TokenCheck.SITE) LabSite site, @PathVariable String id, HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        Flavor f = site.nova().flavors().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new LabException(LabException.Kind.NOT_FOUND, "Flavor " + id + " could not be found."));
        ObjectNode body = Api.object();
        body.set("flavor", NovaViews.flavor(f, compute(request, site), true));
        return Api.json(200, body, mv.headers());
    }

    // ---- host aggregates (drain-compute-node) -------------------------------------------------

    /** {@code GET /os-aggregates}: every aggregate with its hosts and metadata ({@code uuid} from 2.41); admin only in Nova, as the lab's token is. */
    @GetMapping("/os-aggregates")
    ResponseEntity<String> aggregates(@RequestAttribute(TokenCheck.SITE) LabSite site, HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        ArrayNode list = Api.array();
        for (HostAggregate a : site.nova().aggregates()) {
            ObjectNode view = list.addObject().put("id", a.id()).put("name", a.name());
            if (mv.atLeast("2.41")) {
                view.put("uuid", a.uuid());
            }
            String zone = a.metadata().get("availability_zone");
            if (zone == null) {
                view.putNull("availability_zone");
            } else {
                view.put("availability_zone", zone);
            }
            ArrayNode hosts = view.putArray("hosts");
            a.hosts().forEach(hosts::add);
            ObjectNode metadata = view.putObject("metadata");
            a.metadata().forEach(metadata::put);
            view.put("deleted", false).put("created_at", "2025-01-01T00:00:00.000000").putNull("updated_at").putNull("deleted_at");
        }
        ObjectNode body = Api.object();
        body.set("aggregates", list);
        return Api.json(200, body, mv.headers());
    }

    // ---- server groups (drain-compute-node) ---------------------------------------------------

    /**
     * {@code GET /os-server-groups}: the token's project's groups, or every project's with {@code all_projects} (the
     * lab's token is an admin's); paged by {@code limit} and {@code offset} as Nova does. {@code policies} below 2.64,
     * {@code policy} and {@code rules} from 2.64; {@code project_id} and {@code user_id} from 2.13.
     */
    @GetMapping("/os-server-groups")
    ResponseEntity<String> serverGroups(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestAttribute(TokenCheck.TOKEN) KeystoneTokens.Token token,
                                        @RequestParam Map<String, String> query, HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        boolean allProjects = query.containsKey("all_projects")
                && !List.of("0", "false", "f", "no", "off").contains(query.get("all_projects").toLowerCase(Locale.ROOT));
        Map<String, List<String>> members = serverGroupMembers(site);
        List<ServerGroup> matching = site.nova().serverGroups().stream()
                .filter(g -> allProjects || g.projectId().equals(token.projectId()))
                .toList();
        int offset = nonNegative(query, "offset", 0);
        int limit = Math.min(nonNegative(query, "limit", MAX_LIMIT), MAX_LIMIT);
        ArrayNode list = Api.array();
        matching.stream().skip(offset).limit(limit)
                .forEach(g -> list.add(NovaViews.serverGroup(site, g, members.getOrDefault(g.id(), List.of()), token.userId(), mv)));
        ObjectNode body = Api.object();
        body.set("server_groups", list);
        return Api.json(200, body, mv.headers());
    }

    @GetMapping("/os-server-groups/{id}")
    ResponseEntity<String> serverGroup(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestAttribute(TokenCheck.TOKEN) KeystoneTokens.Token token,
                                       @PathVariable String id, HttpServletRequest request) {
        Microversion mv = Microversion.of(request);
        ServerGroup group = site.nova().serverGroups().stream().filter(g -> g.id().equals(id)).findFirst()
                .orElseThrow(() -> new LabException(LabException.Kind.NOT_FOUND, "Instance group " + id + " could not be found."));
        ObjectNode body = Api.object();
        body.set("server_group", NovaViews.serverGroup(site, group, serverGroupMembers(site).getOrDefault(id, List.of()), token.userId(), mv));
        return Api.json(200, body, mv.headers());
    }

    private static Map<String, List<String>> serverGroupMembers(LabSite site) {
        return site.nova().instances().stream().filter(i -> !i.serverGroupId().isEmpty())
                .collect(Collectors.groupingBy(Instance::serverGroupId, Collectors.mapping(Instance::id, Collectors.toList())));
    }

    private static int nonNegative(Map<String, String> query, String name, int fallback) {
        if (!query.containsKey(name)) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(query.get(name));
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below as Nova does
        }
        throw new LabException(LabException.Kind.BAD_REQUEST, "Invalid input for query parameters " + name + ". Value: " + query.get(name)
                + ". '" + query.get(name) + "' does not match '^[0-9]*$'");
    }

    // ---- errors and paging --------------------------------------------------------------------

    @ExceptionHandler(LabException.class)
    ResponseEntity<String> refused(LabException e, HttpServletRequest request) {
        int status = Api.status(e);
        return Api.json(status, Api.novaFault(status, e.getMessage()), versionHeaders(request));
    }

    @ExceptionHandler(Microversion.Refused.class)
    ResponseEntity<String> refusedVersion(Microversion.Refused e) {
        return Api.json(e.status, Api.novaFault(e.status, e.getMessage()));
    }

    private static HttpHeaders versionHeaders(HttpServletRequest request) {
        try {
            return Microversion.of(request).headers();
        } catch (Microversion.Refused e) {
            return new HttpHeaders();
        }
    }

    static String compute(HttpServletRequest request, LabSite site) {
        return KeystoneApi.base(request, site) + "/compute/v2.1";
    }

    /** One page of a listing: {@code limit} items after {@code marker}; a next link when the page is full. */
    record Page<T>(List<T> items, int limit, boolean full) {

        Optional<String> next(Function<T, String> id) {
            return full && !items.isEmpty() ? Optional.of(id.apply(items.get(items.size() - 1))) : Optional.empty();
        }
    }

    static <T> Page<T> page(List<T> all, Function<T, String> id, Map<String, String> query, boolean paging, String unknownMarker) {
        if (!paging) {
            return new Page<>(all, all.size(), false);
        }
        int start = 0;
        if (query.containsKey("marker")) {
            String marker = query.get("marker");
            start = -1;
            for (int k = 0; k < all.size(); k++) {
                if (id.apply(all.get(k)).equals(marker)) {
                    start = k + 1;
                    break;
                }
            }
            if (start < 0) {
                throw new LabException(LabException.Kind.BAD_REQUEST, String.format(unknownMarker, marker));
            }
        }
        int limit = MAX_LIMIT;
        if (query.containsKey("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 0) {
                throw new LabException(LabException.Kind.BAD_REQUEST, "Invalid input for query parameters limit. Value: " + query.get("limit")
                        + ". '" + query.get("limit") + "' does not match '^[0-9]*$'");
            }
            limit = Math.min(limit, MAX_LIMIT);
        }
        List<T> items = new ArrayList<>(all.subList(Math.min(start, all.size()), Math.min(all.size(), start + limit)));
        return new Page<>(items, limit, query.containsKey("limit") && items.size() == limit);
    }
}
