package io.dayshift.lab.openstack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.lab.model.Hypervisor;
import io.dayshift.lab.model.HypervisorUsage;
import io.dayshift.lab.model.LabSite;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Placement (microversion 1.0 shapes) of a lab site: one resource provider per hypervisor, with the same UUID as the
 * hypervisor at compute 2.53, its VCPU, MEMORY_MB and DISK_GB inventories (the model's allocation ratios) and usages.
 */
@RestController
@ConditionalOnProperty(prefix = "dayshift.lab", name = "enabled", havingValue = "true")
@RequestMapping("/lab/openstack/{site}/placement")
class PlacementApi {

    @GetMapping({"", "/"})
    ResponseEntity<String> versions() {
        ObjectNode body = Api.object();
        ObjectNode v = body.putArray("versions").addObject();
        v.put("id", "v1.0").put("max_version", "1.39").put("min_version", "1.0").put("status", "CURRENT");
        v.putArray("links").addObject().put("rel", "self").put("href", "");
        return Api.json(200, body);
    }

    @GetMapping("/resource_providers")
    ResponseEntity<String> providers(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestParam Map<String, String> query) {
        ArrayNode list = Api.array();
        for (Hypervisor h : site.nova().hypervisors()) {
            String uuid = uuid(site, h);
            if (query.containsKey("name") && !query.get("name").equals(h.hostname()) || query.containsKey("uuid") && !query.get("uuid").equals(uuid)) {
                continue;
            }
            list.add(provider(site, h));
        }
        ObjectNode body = Api.object();
        body.set("resource_providers", list);
        return Api.json(200, body);
    }

    @GetMapping("/resource_providers/{uuid}")
    ResponseEntity<String> provider(@RequestAttribute(TokenCheck.SITE) LabSite site, @PathVariable String uuid) {
        return find(site, uuid).map(h -> Api.json(200, provider(site, h))).orElseGet(() -> notFound(uuid));
    }

    @GetMapping("/resource_providers/{uuid}/inventories")
    ResponseEntity<String> inventories(@RequestAttribute(TokenCheck.SITE) LabSite site, @PathVariable String uuid) {
        Optional<Hypervisor> found = find(site, uuid);
        if (found.isEmpty()) {
            return notFound(uuid);
        }
        Hypervisor h = found.get();
        ObjectNode body = Api.object().put("resource_provider_generation", generation(site, h));
        ObjectNode inventories = body.putObject("inventories");
        inventory(inventories, "VCPU", h.vcpus(), h.cpuRatio());
        inventory(inventories, "MEMORY_MB", h.ramMib(), h.ramRatio());
        inventory(inventories, "DISK_GB", h.diskGib(), h.diskRatio());
        return Api.json(200, body);
    }

    @GetMapping("/resource_providers/{uuid}/usages")
    ResponseEntity<String> usages(@RequestAttribute(TokenCheck.SITE) LabSite site, @PathVariable String uuid) {
        Optional<Hypervisor> found = find(site, uuid);
        if (found.isEmpty()) {
            return notFound(uuid);
        }
        HypervisorUsage u = site.nova().usage(found.get().hostname());
        ObjectNode body = Api.object().put("resource_provider_generation", generation(site, found.get()));
        body.putObject("usages").put("VCPU", u.vcpusUsed()).put("MEMORY_MB", u.ramMibUsed()).put("DISK_GB", u.diskGibUsed());
        return Api.json(200, body);
    }

    private static void inventory(ObjectNode inventories, String resourceClass, long total, double ratio) {
        inventories.putObject(resourceClass).put("total", total).put("reserved", 0).put("min_unit", 1).put("max_unit", total).put("step_size", 1)
                .put("allocation_ratio", ratio);
    }

    private static ObjectNode provider(LabSite site, Hypervisor h) {
        String uuid = uuid(site, h);
        ObjectNode p = Api.object().put("uuid", uuid).put("name", h.hostname()).put("generation", generation(site, h));
        ArrayNode links = p.putArray("links");
        links.addObject().put("rel", "self").put("href", "/resource_providers/" + uuid);
        links.addObject().put("rel", "inventories").put("href", "/resource_providers/" + uuid + "/inventories");
        links.addObject().put("rel", "usages").put("href", "/resource_providers/" + uuid + "/usages");
        return p;
    }

    /** The provider's generation moves with every allocation on it: here, the number of servers placed there. */
    private static int generation(LabSite site, Hypervisor h) {
        return 2 + site.nova().usage(h.hostname()).instances();
    }

    private static Optional<Hypervisor> find(LabSite site, String uuid) {
        return site.nova().hypervisors().stream().filter(h -> uuid(site, h).equals(uuid)).findFirst();
    }

    private static String uuid(LabSite site, Hypervisor h) {
        return Api.uuid(site.name(), "resource-provider", h.hostname());
    }

    private static ResponseEntity<String> notFound(String uuid) {
        String why = "No resource provider with uuid " + uuid + " found";
        return Api.json(404, Api.placementFault(404, "Not Found", "The resource could not be found.\n\n " + why + " : " + why + "  "));
    }
}
