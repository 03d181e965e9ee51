package io.dayshift.lab.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.lab.LabSites;
import io.dayshift.lab.model.KeystoneUser;
import io.dayshift.lab.model.LabException;
import io.dayshift.lab.model.LabSite;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Keystone v3 of a lab site: password authentication of {@code admin} (domain {@code Default}, project
 * {@code admin}, the password of the lab's clouds.yaml) giving a project-scoped token whose catalog points at the
 * lab's own endpoints, and the user list.
 */
@RestController
@ConditionalOnProperty(prefix = "dayshift.lab", name = "enabled", havingValue = "true")
@RequestMapping("/lab/openstack/{site}/identity")
class KeystoneApi {

    static final String REGION = "RegionOne";
    private static final String UNAUTHORIZED = "The request you have made requires authentication.";
    private static final String DEFAULT_DOMAIN = "default";

    private final LabSites lab;
    private final KeystoneTokens tokens;

    KeystoneApi(LabSites lab, KeystoneTokens tokens) {
        this.lab = lab;
        this.tokens = tokens;
    }

    @GetMapping({"", "/", "/v3", "/v3/"})
    ResponseEntity<String> version(@RequestAttribute(TokenCheck.SITE) LabSite site, HttpServletRequest request) {
        ObjectNode body = Api.object();
        ObjectNode v = body.putObject("version");
        v.put("id", "v3.14").put("status", "stable").put("updated", "2020-04-07T00:00:00Z");
        v.putArray("links").addObject().put("rel", "self").put("href", base(request, site) + "/identity/v3/");
        v.putArray("media-types").addObject().put("base", "application/json").put("type", "application/vnd.openstack.identity-v3+json");
        return Api.json(200, body);
    }

    @PostMapping("/v3/auth/tokens")
    ResponseEntity<String> authenticate(@RequestAttribute(TokenCheck.SITE) LabSite site, @RequestBody(required = false) String text,
                                        HttpServletRequest request) {
        JsonNode auth = Api.parse(text).path("auth");
        JsonNode identity = auth.path("identity");
        if (!identity.path("methods").isArray() || !contains(identity.path("methods"), "password")) {
            return badRequest("Expecting to find identity.methods with 'password' in auth.");
        }
        JsonNode user = identity.path("password").path("user");
        if (!user.hasNonNull("password") || !user.hasNonNull("name") && !user.hasNonNull("id")) {
            return badRequest("Expecting to find password.user with name or id, and password, in identity.");
        }
        Optional<KeystoneUser> known = site.keystone().users().stream().filter(u -> u.name().equals("admin")).findFirst();
        String userId = known.map(KeystoneUser::id).orElse(Api.hexId(site.name(), "user", "admin"));
        boolean userMatches = user.hasNonNull("id") ? user.get("id").asText().equals(userId)
                : user.get("name").asText().equals("admin") && inDefaultDomain(user.path("domain"));
        boolean enabled = known.map(KeystoneUser::enabled).orElse(true);
        if (!userMatches || !enabled || !samePassword(user.get("password").asText(), lab.openstackPassword())) {
            return unauthorized();
        }
        JsonNode project = auth.path("scope").path("project");
        String projectId = site.keystone().adminProjectId();
        boolean scoped = !project.isMissingNode();
        if (scoped && !(project.hasNonNull("id") ? project.get("id").asText().equals(projectId)
                : project.path("name").asText().equals("admin") && inDefaultDomain(project.path("domain")))) {
            return unauthorized();
        }
        if (!auth.path("scope").isMissingNode() && !scoped) {
            return unauthorized(); // domain and system scopes are not offered by the lab
        }
        KeystoneTokens.Token token = tokens.issue(site.name(), userId, "admin", scoped ? projectId : "", site.now());
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Subject-Token", token.id());
        headers.set("Vary", "X-Auth-Token");
        return Api.json(201, tokenBody(site, token, base(request, site)), headers);
    }

    @GetMapping("/v3/users")
    ResponseEntity<String> users(@RequestAttribute(TokenCheck.SITE) LabSite site, HttpServletRequest request) {
        String base = base(request, site) + "/identity/v3";
        ObjectNode body = Api.object();
        ArrayNode list = body.putArray("users");
        for (KeystoneUser u : site.keystone().users()) {
            ObjectNode o = list.addObject();
            o.put("id", u.id()).put("name", u.name()).put("domain_id", u.domainId()).put("enabled", u.enabled());
            if (u.defaultProjectId() != null && !u.defaultProjectId().isEmpty()) {
                o.put("default_project_id", u.defaultProjectId());
            }
            o.putNull("password_expires_at");
            o.putObject("options");
            o.putObject("links").put("self", base + "/users/" + u.id());
        }
        body.putObject("links").putNull("next").put("self", base + "/users").putNull("previous");
        return Api.json(200, body);
    }

    @ExceptionHandler(LabException.class)
    ResponseEntity<String> refused(LabException e) {
        int status = Api.status(e);
        return Api.json(status, Api.keystoneFault(status, status == 404 ? "Not Found" : status == 409 ? "Conflict" : "Bad Request", e.getMessage()));
    }

    private ObjectNode tokenBody(LabSite site, KeystoneTokens.Token token, String base) {
        ObjectNode body = Api.object();
        ObjectNode t = body.putObject("token");
        t.putArray("methods").add("password");
        ObjectNode user = t.putObject("user");
        user.putObject("domain").put("id", DEFAULT_DOMAIN).put("name", "Default");
        user.put("id", token.userId()).put("name", token.userName()).putNull("password_expires_at");
        t.putArray("audit_ids").add(token.auditId());
        t.put("expires_at", Api.MICROS_Z.format(token.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        t.put("issued_at", Api.MICROS_Z.format(token.issuedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        if (token.projectId().isEmpty()) {
            return body;
        }
        ObjectNode project = t.putObject("project");
        project.putObject("domain").put("id", DEFAULT_DOMAIN).put("name", "Default");
        project.put("id", token.projectId()).put("name", "admin");
        t.put("is_domain", false);
        ArrayNode roles = t.putArray("roles");
        for (String role : List.of("reader", "member", "admin")) {
            roles.addObject().put("id", Api.hexId(site.name(), "role", role)).put("name", role);
        }
        String root = base;
        ArrayNode catalog = t.putArray("catalog");
        service(catalog, site, "identity", "keystone", root + "/identity/v3/");
        service(catalog, site, "compute", "nova", root + "/compute/v2.1");
        service(catalog, site, "placement", "placement", root + "/placement");
        service(catalog, site, "network", "neutron", root + "/network");
        service(catalog, site, "image", "glance", root + "/image");
        service(catalog, site, "volumev3", "cinderv3", root + "/volume/v3/" + token.projectId());
        service(catalog, site, "block-storage", "cinder", root + "/volume/v3/" + token.projectId());
        return body;
    }

    private static void service(ArrayNode catalog, LabSite site, String type, String name, String url) {
        ObjectNode s = catalog.addObject();
        ArrayNode endpoints = s.putArray("endpoints");
        for (String iface : List.of("public", "internal", "admin")) {
            endpoints.addObject().put("id", Api.hexId(site.name(), "endpoint", type + "/" + iface)).put("interface", iface)
                    .put("region_id", REGION).put("url", url).put("region", REGION);
        }
        s.put("id", Api.hexId(site.name(), "service", type)).put("type", type).put("name", name);
    }

    /** {@code http://host:port[/context]/lab/openstack/<site>}, as the client reached us. */
    static String base(HttpServletRequest request, LabSite site) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + request.getContextPath()
                + TokenCheck.PREFIX + site.name();
    }

    private static boolean inDefaultDomain(JsonNode domain) {
        if (domain.isMissingNode() || domain.isNull()) {
            return true; // Keystone takes the default domain when none is named
        }
        return domain.hasNonNull("id") ? domain.get("id").asText().equals(DEFAULT_DOMAIN) : domain.path("name").asText().equals("Default");
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePassword(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<String> unauthorized() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("WWW-Authenticate", "Keystone uri=\"identity/v3\"");
        return Api.json(401, Api.keystoneFault(401, "Unauthorized", UNAUTHORIZED), headers);
    }

    private static ResponseEntity<String> badRequest(String message) {
        return Api.json(400, Api.keystoneFault(400, "Bad Request", message));
    }
}
