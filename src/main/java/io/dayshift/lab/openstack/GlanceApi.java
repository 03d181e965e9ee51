package io.dayshift.lab.openstack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.lab.model.LabImage;
import io.dayshift.lab.model.LabSite;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Glance v2 of a lab site: the image list and one image. */
@RestController
@ConditionalOnProperty(prefix = "dayshift.lab", name = "enabled", havingValue = "true")
@RequestMapping("/lab/openstack/{site}/image/v2")
class GlanceApi {

    @GetMapping("/images")
    ResponseEntity<String> images(@RequestAttribute(TokenCheck.SITE) LabSite site) {
        ObjectNode body = Api.object();
        ArrayNode list = body.putArray("images");
        site.nova().images().forEach(i -> list.add(image(i)));
        body.put("first", "/v2/images").put("schema", "/v2/schemas/images");
        return Api.json(200, body);
    }

    @GetMapping("/images/{id}")
    ResponseEntity<String> image(@RequestAttribute(TokenCheck.SITE) LabSite site, @PathVariable String id) {
        return site.nova().images().stream().filter(i -> i.id().equals(id)).findFirst().map(i -> Api.json(200, image(i)))
                .orElseGet(() -> Api.json(404, Api.object().put("message", "No image found with ID " + id)));
    }

    private static ObjectNode image(LabImage i) {
        ObjectNode o = Api.object().put("name", i.name()).put("disk_format", i.diskFormat()).put("container_format", i.containerFormat())
                .put("visibility", i.visibility()).put("size", i.sizeBytes()).put("virtual_size", i.sizeBytes()).put("status", i.status())
                .put("checksum", Api.hexId("image", "md5", i.id())).put("protected", false).put("min_ram", 0).put("min_disk", 0)
                .put("owner", i.ownerProjectId()).put("os_hidden", false).put("os_hash_algo", "sha512")
                .put("os_hash_value", Api.hexId("image", "sha512", i.id()).repeat(4)).put("id", i.id())
                .put("created_at", Api.seconds(i.createdAt())).put("updated_at", Api.seconds(i.createdAt()));
        o.putArray("tags");
        o.put("self", "/v2/images/" + i.id()).put("file", "/v2/images/" + i.id() + "/file").put("schema", "/v2/schemas/image").put("stores", "rbd");
        return o;
    }
}
