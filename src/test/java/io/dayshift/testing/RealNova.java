package io.dayshift.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The real lab's Nova as a test sees it, over plain HTTP with a compute microversion, independent of the service's own
 * OpenStack adapter: a test boots servers on a host with it before a run and checks the run's outcome with it afterwards
 * (where each server is, each compute service's state and reason).
 */
public final class RealNova {

    /** Pins a server to a host at boot (2.74), boots without a network (2.37), service ids are UUIDs (2.53). */
    private static final String MICROVERSION = "2.79";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String token;
    private final String compute;
    private final String image;

    private RealNova(String token, String compute, String image) {
        this.token = token;
        this.compute = compute;
        this.image = image;
    }

    /** Signs in with the lab's {@code OS_*} settings and finds Nova and Glance in the catalog. */
    public static RealNova signIn(Map<String, String> env) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        identity.putObject("password").putObject("user")
                .put("name", env.get("OS_USERNAME")).put("password", env.get("OS_PASSWORD"))
                .putObject("domain").put("name", env.getOrDefault("OS_USER_DOMAIN_NAME", "Default"));
        auth.putObject("scope").putObject("project").put("name", env.get("OS_PROJECT_NAME"))
                .putObject("domain").put("name", env.getOrDefault("OS_PROJECT_DOMAIN_NAME", "Default"));
        String url = env.get("OS_AUTH_URL").replaceAll("/+$", "") + "/auth/tokens";
        HttpResponse<String> response = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Keystone refused the lab's credentials: HTTP " + response.statusCode() + " " + response.body());
        }
        JsonNode catalog = json(response.body()).path("token").path("catalog");
        String interfaceName = env.getOrDefault("OS_INTERFACE", "public");
        return new RealNova(response.headers().firstValue("X-Subject-Token").orElseThrow(),
                endpoint(catalog, "compute", interfaceName), endpoint(catalog, "image", interfaceName));
    }

    /** Boots a server of flavor m1.tiny from image tiny, without a network, on {@code host}; returns its id. */
    public String bootOn(String name, String host) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("server").put("name", name).put("imageRef", imageId("tiny")).put("flavorRef", flavorId("m1.tiny"))
                .put("networks", "none").put("host", host);
        return json(expect(202, post("/servers", body))).path("server").path("id").asText();
    }

    /** The server as Nova shows it to an administrator, or empty when it is gone. */
    public Optional<JsonNode> server(String id) {
        HttpResponse<String> response = get("/servers/" + id);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(json(expect(200, response)).path("server"));
    }

    public static String host(JsonNode server) {
        return server.path("OS-EXT-SRV-ATTR:host").asText();
    }

    /** The server once {@code condition} holds for it; fails with its last state after {@code limit}. */
    public JsonNode awaitServer(String id, Predicate<JsonNode> condition, Duration limit) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        JsonNode last = null;
        while (Instant.now().isBefore(end)) {
            last = server(id).orElse(null);
            if (last != null && condition.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("server " + id + " did not reach the expected state within " + limit + "; last seen: " + last);
    }

    /** The ids of every server (all projects) on {@code host}. */
    public List<String> serverIdsOn(String host) {
        JsonNode servers = json(expect(200, get("/servers/detail?all_tenants=1&host=" + encode(host)))).path("servers");
        List<String> ids = new ArrayList<>();
        servers.forEach(s -> ids.add(s.path("id").asText()));
        return ids;
    }

    /** {@code nova-compute} on {@code host}: status, state, disabled_reason, forced_down, id. */
    public JsonNode computeService(String host) {
        JsonNode services = json(expect(200, get("/os-services?binary=nova-compute&host=" + encode(host)))).path("services");
        if (services.size() != 1) {
            throw new IllegalStateException("expected one nova-compute on " + host + ", Nova lists " + services);
        }
        return services.get(0);
    }

    /** Enables {@code nova-compute} on {@code host} (clean-up after a run that left it disabled). */
    public void enableComputeService(String host) {
        ObjectNode body = JSON.createObjectNode().put("status", "enabled");
        expect(200, put("/os-services/" + computeService(host).path("id").asText(), body));
    }

    /** Marks {@code nova-compute} on {@code host} forced down, or clears the mark. */
    public void forceDown(String host, boolean down) {
        ObjectNode body = JSON.createObjectNode().put("forced_down", down);
        expect(200, put("/os-services/" + computeService(host).path("id").asText(), body));
    }

    public void deleteServer(String id) {
        HttpResponse<String> response = send(http, request(compute + "/servers/" + id).DELETE().build());
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw new IllegalStateException("deleting server " + id + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------

    private String flavorId(String name) {
        for (JsonNode flavor : json(expect(200, get("/flavors"))).path("flavors")) {
            if (flavor.path("name").asText().equals(name)) {
                return flavor.path("id").asText();
            }
        }
        throw new IllegalStateException("the lab has no flavor " + name);
    }

    private String imageId(String name) {
        HttpResponse<String> response = send(http, request(image.replaceAll("/+$", "") + "/v2/images?name=" + encode(name)).GET().build());
        JsonNode images = json(expect(200, response)).path("images");
        if (images.isEmpty()) {
            throw new IllegalStateException("the lab has no image " + name);
        }
        return images.get(0).path("id").asText();
    }

    private HttpResponse<String> get(String path) {
        return send(http, request(compute + path).GET().build());
    }

    private HttpResponse<String> post(String path, JsonNode body) {
        return send(http, request(compute + path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private HttpResponse<String> put(String path, JsonNode body) {
        return send(http, request(compute + path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("X-Auth-Token", token)
                .header("OpenStack-API-Version", "compute " + MICROVERSION)
                .header("Accept", "application/json");
    }

    private static String endpoint(JsonNode catalog, String type, String interfaceName) {
        for (JsonNode service : catalog) {
            if (service.path("type").asText().equals(type)) {
                for (JsonNode endpoint : service.path("endpoints")) {
                    if (endpoint.path("interface").asText().equals(interfaceName)) {
                        return endpoint.path("url").asText().replaceAll("/+$", "");
                    }
                }
            }
        }
        throw new IllegalStateException("no " + interfaceName + " " + type + " endpoint in the lab's catalog");
    }

    private static String expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
