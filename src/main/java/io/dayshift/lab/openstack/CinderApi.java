package io.dayshift.lab.openstack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.VolumeService;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cinder v3 of a lab site: the service list ({@code os-services}, filtered by {@code host} and {@code binary}). */
@RestController
@ConditionalOnProperty(prefix = "dayshift.lab", name = "enabled", havingValue = "true")
@RequestMapping("/lab/openstack/{site}/volume/v3/{project}")
class CinderApi {

    @GetMapping("/os-services")
    ResponseEntity<String> services(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestParam Map<String, String> query) {
        Instant now = site.now();
        ArrayNode list = Api.array();
        for (VolumeService v : site.cinder().volumeServices()) {
            if (query.containsKey("host") && !query.get("host").equals(v.host()) || query.containsKey("binary") && !query.get("binary").equals(v.binary())) {
                continue;
            }
            ObjectNode o = list.addObject().put("binary", v.binary()).put("host", v.host()).put("zone", v.zone())
                    .put("status", v.enabled() ? "enabled" : "disabled").put("state", v.up() ? "up" : "down")
                    .put("updated_at", Api.micros(now.minus(v.up() ? Duration.ofSeconds(5) : Duration.ofMinutes(3))));
            o.putNull("disabled_reason");
            if (v.binary().equals("cinder-volume")) {
                o.put("replication_status", "disabled").putNull("active_backend_id").put("frozen", false);
            }
        }
        ObjectNode body = Api.object();
        body.set("services", list);
        return Api.json(200, body);
    }
}
