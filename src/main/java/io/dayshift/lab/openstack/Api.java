package io.dayshift.lab.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.lab.model.LabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * JSON, times and error bodies as the OpenStack services write them. Bodies are written with our own mapper (not
 * Spring's), because the real services send explicit {@code null}s that the service's Jackson settings would drop.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Nova's server times and Neutron's times: {@code 2026-11-21T09:12:16Z}. */
    static final DateTimeFormatter SECONDS_Z = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** Nova's and Cinder's database times: {@code 2026-11-21T08:35:38.000000}. */
    static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    /** Keystone's token times: {@code 2026-11-22T09:12:05.000000Z}. */
    static final DateTimeFormatter MICROS_Z = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** Neutron's agent times: {@code 2026-11-21 08:35:14}. */
    static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final Map<Integer, String> NOVA_FAULTS = Map.of(400, "badRequest", 401, "unauthorized", 403, "forbidden",
            404, "itemNotFound", 405, "badMethod", 409, "conflictingRequest");

    private Api() {
    }

    static ObjectNode object() {
        return F.objectNode();
    }

    static ArrayNode array() {
        return F.arrayNode();
    }

    static String seconds(Instant t) {
        return SECONDS_Z.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    static String micros(Instant t) {
        return MICROS.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** A stable UUID for an object of a site that the model names by a key (a hypervisor by its host…). */
    static String uuid(String site, String kind, String key) {
        return UUID.nameUUIDFromBytes((site + "/api/" + kind + "/" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A Keystone-style id: 32 hex digits. */
    static String hexId(String site, String kind, String key) {
        return uuid(site, kind, key).replace("-", "");
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "The request body is empty or not JSON.");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new LabException(LabException.Kind.BAD_REQUEST, "The request body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new LabException(LabException.Kind.BAD_REQUEST, "Malformed request body: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getClass().getSimpleName()));
        }
    }

    static ResponseEntity<String> json(int status, JsonNode body) {
        return json(status, body, new HttpHeaders());
    }

    static ResponseEntity<String> json(int status, JsonNode body, HttpHeaders headers) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON);
        try {
            return builder.body(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ResponseEntity<String> empty(int status, HttpHeaders headers) {
        HttpHeaders h = new HttpHeaders();
        h.putAll(headers);
        h.setContentType(MediaType.APPLICATION_JSON);
        return ResponseEntity.status(status).headers(h).build();
    }

    static int status(LabException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case BAD_REQUEST -> 400;
        };
    }

    /** {@code {"badRequest": {"code": 400, "message": ...}}}, the key by status as Nova's fault wrapper names it. */
    static ObjectNode novaFault(int status, String message) {
        ObjectNode inner = object().put("code", status).put("message", message);
        ObjectNode body = object();
        body.set(NOVA_FAULTS.getOrDefault(status, "computeFault"), inner);
        return body;
    }

    /** {@code {"NeutronError": {"type": ..., "message": ..., "detail": ""}}}. */
    static ObjectNode neutronFault(String type, String message) {
        ObjectNode body = object();
        body.putObject("NeutronError").put("type", type).put("message", message).put("detail", "");
        return body;
    }

    /** {@code {"errors": [{"status": 404, "title": "Not Found", "detail": ...}]}}, as Placement writes it. */
    static ObjectNode placementFault(int status, String title, String detail) {
        ObjectNode body = object();
        body.putArray("errors").addObject().put("status", status).put("title", title).put("detail", detail)
                .put("request_id", "req-" + UUID.randomUUID());
        return body;
    }

    /** {@code {"error": {"code": 401, "title": "Unauthorized", "message": ...}}}, as Keystone and its middleware write it. */
    static ObjectNode keystoneFault(int status, String title, String message) {
        ObjectNode body = object();
        body.putObject("error").put("code", status).put("title", title).put("message", message);
        return body;
    }

    /** Keeps the items whose field equals one of the query's values, for every query parameter that names a field (Neutron's filters). */
    static ArrayNode filter(List<ObjectNode> items, Map<String, List<String>> query, List<String> ignored) {
        ArrayNode out = array();
        for (ObjectNode item : items) {
            boolean keep = true;
            for (Map.Entry<String, List<String>> q : query.entrySet()) {
                if (ignored.contains(q.getKey())) {
                    continue;
                }
                JsonNode value = item.get(q.getKey());
                String text = value == null || value.isNull() ? "" : value.asText();
                if (!q.getValue().contains(text)) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                out.add(item);
            }
        }
        return out;
    }
}
