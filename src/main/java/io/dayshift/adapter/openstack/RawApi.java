package io.dayshift.adapter.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.api.types.ServiceType;
import org.openstack4j.core.transport.HttpMethod;
import org.openstack4j.core.transport.HttpResponse;
import org.openstack4j.model.common.payloads.InputStreamPayload;
import org.openstack4j.openstack.common.functions.EnforceVersionToURL;
import org.openstack4j.openstack.internal.BaseOpenStackService;

/**
 * Requests openstack4j cannot express: a body of our own and a microversion header, sent through
 * openstack4j's transport with the current thread's session (token, catalog endpoint, timeouts).
 * Used for what openstack4j 3.12 lacks: disable with a reason, live migration without a host or with
 * {@code block_migration: "auto"}, cold migration to a host, microversioned reads.
 */
final class RawApi extends BaseOpenStackService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String microversionService;

    private RawApi(ServiceType type, java.util.function.Function<String, String> endpoint, String microversionService) {
        super(type, endpoint);
        this.microversionService = microversionService;
    }

    static RawApi compute() {
        return new RawApi(ServiceType.COMPUTE, null, "compute");
    }

    static RawApi network() {
        return new RawApi(ServiceType.NETWORK, EnforceVersionToURL.instance("/v2.0"), "network");
    }

    static RawApi placement() {
        return new RawApi(ServiceType.PLACEMENT, null, "placement");
    }

    /** GET; 404 → empty, other errors → {@link ApiException}. */
    Optional<JsonNode> find(String path, Map<String, ?> query, String microversion) {
        Answer answer = send(HttpMethod.GET, path, query, microversion, null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(answer.orThrow());
    }

    JsonNode get(String path, Map<String, ?> query, String microversion) {
        return send(HttpMethod.GET, path, query, microversion, null).orThrow();
    }

    JsonNode post(String path, JsonNode body, String microversion) {
        return send(HttpMethod.POST, path, Map.of(), microversion, body).orThrow();
    }

    JsonNode put(String path, JsonNode body, String microversion) {
        return send(HttpMethod.PUT, path, Map.of(), microversion, body).orThrow();
    }

    Answer send(HttpMethod method, String path, Map<String, ?> query, String microversion, JsonNode body) {
        Invocation<Void> invocation = request(method, Void.class, path);
        query.forEach(invocation::param);
        if (microversion != null) {
            invocation.header("OpenStack-API-Version", microversionService + " " + microversion);
            if (microversionService.equals("compute")) {
                invocation.header("X-OpenStack-Nova-API-Version", microversion);
            }
        }
        invocation.header("Accept", "application/json");
        if (body != null) {
            // Invocation.json(String) fails with the RESTEasy connector (it has no String writer);
            // a stream payload goes through its InputStream writer, with our content type.
            invocation.entity(new InputStreamPayload(new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8))))
                    .contentType("application/json");
        }
        HttpResponse response = invocation.executeWithResponse();
        int status = response.getStatus();
        return new Answer(status, status == 204 ? null : body(response));
    }

    private static String body(HttpResponse response) {
        // The connector's provider factory has no String reader, but can hand out the raw stream.
        try (InputStream in = response.getInputStream()) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiException(response.getStatus(), "cannot read the answer: " + e.getClass().getSimpleName());
        }
    }

    /** A status and a body, read completely. */
    record Answer(int status, String body) {

        JsonNode orThrow() {
            if (status >= 400) {
                throw new ApiException(status, ErrorBodies.message(body));
            }
            if (body == null || body.isBlank()) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new ApiException(status, "answer is not JSON: " + ErrorBodies.message(body));
            }
        }
    }
}
