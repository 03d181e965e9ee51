package io.dayshift.lab.openstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.lab.model.LabSite;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * The version documents at the roots of the lab's catalog endpoints, which the real services serve without a token: Nova's
 * {@code GET /v2.1} (200, its microversion range), Neutron's {@code GET /} (200) and Glance's {@code GET /} (300 Multiple
 * Choices). Keystone's and Placement's are in their own controllers; Cinder's endpoint ({@code /v3/<project>}) answers 401
 * without a token, as keystonemiddleware does. The daily health check probes these roots.
 */
@RestController
@ConditionalOnProperty(prefix = "dayshift.lab", name = "enabled", havingValue = "true")
class VersionDocuments {

    /** Whether a GET of {@code rest} under service path {@code service} is a version document (no token needed). */
    static boolean isVersionRoot(String service, String rest) {
        return switch (service) {
            case "compute" -> rest.matches("(/v2\\.1)?/?");
            case "network", "image", "placement" -> rest.matches("/?");
            default -> false;
        };
    }

    @GetMapping({"/lab/openstack/{site}/compute", "/lab/openstack/{site}/compute/", "/lab/openstack/{site}/compute/v2.1",
            "/lab/openstack/{site}/compute/v2.1/"})
    ResponseEntity<String> compute(@RequestAttribute(TokenCheck.SITE) LabSite site, HttpServletRequest request) {
        ObjectNode body = Api.object();
        ObjectNode v = body.putObject("version");
        v.put("id", "v2.1").put("status", "CURRENT").put("version", "2.93").put("min_version", "2.1").put("updated", "2013-07-23T11:33:21Z");
        v.putArray("links").addObject().put("rel", "self").put("href", KeystoneApi.base(request, site) + "/compute/v2.1/");
        v.putArray("media-types").addObject().put("base", "application/json").put("type", "application/vnd.openstack.compute+json;version=2.1");
        return Api.json(200, body);
    }

    @GetMapping({"/lab/openstack/{site}/network", "/lab/openstack/{site}/network/"})
    ResponseEntity<String> network(@RequestAttribute(TokenCheck.SITE) LabSite site, HttpServletRequest request) {
        ObjectNode body = Api.object();
        ObjectNode v = body.putArray("versions").addObject();
        v.put("id", "v2.0").put("status", "CURRENT");
        v.putArray("links").addObject().put("href", KeystoneApi.base(request, site) + "/network/v2.0/").put("rel", "self");
        return Api.json(200, body);
    }

    @GetMapping({"/lab/openstack/{site}/image", "/lab/openstack/{site}/image/"})
    ResponseEntity<String> image(@RequestAttribute(TokenCheck.SITE) LabSite site, HttpServletRequest request) {
        ObjectNode body = Api.object();
        var versions = body.putArray("versions");
        for (String id : new String[] {"v2.16", "v2.15", "v2.9", "v2.0"}) {
            ObjectNode v = versions.addObject();
            v.put("id", id).put("status", id.equals("v2.16") ? "CURRENT" : "SUPPORTED");
            v.putArray("links").addObject().put("rel", "self").put("href", KeystoneApi.base(request, site) + "/image/v2/");
        }
        return Api.json(300, body);
    }
}
