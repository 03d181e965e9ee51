package io.dayshift.adapter.maas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.dayshift.machine.MachineNotFoundException;
import io.dayshift.machine.MachineProvisioningException;
import io.dayshift.machine.MachineStateConflictException;
import io.dayshift.evidence.Journal;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MAAS API 2.0 call: URL and op dispatch, OAuth header, timeouts, a bounded retry while MAAS answers
 * 503, and the mapping of error answers to our exceptions. Never logs or reports the API key.
 */
final class MaasClient {

    private static final Logger log = LoggerFactory.getLogger(MaasClient.class);
    private static final int MAX_MESSAGE_CHARS = 600;
    private static final String STATE_REFUSAL = "not available because of the current state";

    /** Who and what a call is about, for messages: the site, the machine as best known, the operation. */
    record Call(Site site, String machine, String operation) {

        Call forMachine(String display) {
            return new Call(site, display, operation);
        }

        String describe() {
            return operation + (machine.isEmpty() ? "" : " of machine " + machine);
        }
    }

    /** An answer from MAAS. */
    record Response(int status, String body, String contentType, Optional<String> retryAfter) {
    }

    private final HttpClient http;
    private final MaasProperties properties;
    private final Secrets secrets;
    private final ObjectMapper json;
    private final Clock clock;
    private final Journal journal;
    private final SecureRandom random = new SecureRandom();

    MaasClient(HttpClient http, MaasProperties properties, Secrets secrets, ObjectMapper json, Clock clock, Journal journal) {
        this.journal = journal;
        this.http = http;
        this.properties = properties;
        this.secrets = secrets;
        this.json = json;
        this.clock = clock;
    }

    static HttpClient httpClient(MaasProperties properties) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** GET {@code path} (relative to {@code api/2.0/}), with {@code op} when not null; 2xx JSON or an exception. */
    JsonNode get(Call call, String path, String op, Params query) {
        return bodyOf(call, exchange(call, "GET", path, op, query));
    }

    /** Like {@link #get}, but a 404 is an empty answer. */
    Optional<JsonNode> getIfExists(Call call, String path, String op, Params query) {
        Response response = exchange(call, "GET", path, op, query);
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(bodyOf(call, response));
    }

    /** POST {@code path} with {@code op} and form parameters; 2xx JSON or an exception. */
    JsonNode post(Call call, String path, String op, Params form) {
        return bodyOf(call, exchange(call, "POST", path, op, form));
    }

    /** POST, returning MAAS's answer whatever its status (503 still retried); for callers that judge it themselves. */
    Response postRaw(Call call, String path, String op, Params form) {
        return exchange(call, "POST", path, op, form);
    }

    JsonNode bodyOf(Call call, Response response) {
        if (response.status() / 100 != 2) {
            throw failure(call, response);
        }
        if (response.body().isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new MachineProvisioningException(prefix(call) + "MAAS answered " + call.describe()
                    + " with HTTP " + response.status() + " but not with JSON (" + e.getOriginalMessage() + ")", response.status());
        }
    }

    private Response exchange(Call call, String method, String path, String op, Params params) {
        Site site = call.site();
        if (site.maas() == null) {
            throw new IllegalStateException("site " + site.name() + " has no 'maas' settings (dayshift.sites." + site.name() + ".maas)");
        }
        MaasApiKey key = MaasApiKey.parse(site.name(), site.maas().apiKey(), secrets.read(site.maas().apiKey()));
        // A server or proxy may echo the OAuth header: its secret parts are masked on their own, too.
        key.secretParts().forEach(secrets::remember);
        URI uri = uri(site, path, op, "GET".equals(method) ? params : Params.of());
        Response response = null;
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            response = send(call, key, method, uri, "POST".equals(method) ? params : Params.of());
            if (response.status() != 503) {
                return response;
            }
            if (attempt < properties.maxAttempts()) {
                Duration delay = retryDelay(response, attempt);
                log.warn("site {}: MAAS answered {} with 503 (attempt {} of {}), trying again in {} ms",
                        site.name(), call.describe(), attempt, properties.maxAttempts(), delay.toMillis());
                pause(call, delay);
            }
        }
        throw new MachineProvisioningException(prefix(call) + "MAAS was unavailable for " + call.describe()
                + ": HTTP 503 on all " + properties.maxAttempts() + " attempts" + detail(response), 503);
    }

    private Response send(Call call, MaasApiKey key, String method, URI uri, Params form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("Accept", "application/json")
                .header("Authorization", key.authorization(nonce(), clock.instant()));
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.encode(), StandardCharsets.UTF_8));
        } else {
            request.GET();
        }
        log.debug("site {}: MAAS {} {}", call.site().name(), method, uri);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Response answer = new Response(response.statusCode(), response.body() == null ? "" : response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), response.headers().firstValue("Retry-After"));
            journal(call, method, uri, answer);
            return answer;
        } catch (HttpTimeoutException e) {
            throw new MachineProvisioningException(prefix(call) + "MAAS at " + endpoint(uri) + " did not answer " + call.describe()
                    + " within " + properties.requestTimeout().toSeconds() + " s (" + e.getClass().getSimpleName() + ")", e);
        } catch (ConnectException e) {
            throw new MachineProvisioningException(prefix(call) + "cannot connect to MAAS at " + endpoint(uri) + " for "
                    + call.describe() + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (IOException e) {
            throw new MachineProvisioningException(prefix(call) + "MAAS call " + call.describe() + " to " + endpoint(uri)
                    + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + secrets.redact(e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MachineProvisioningException(prefix(call) + "interrupted while calling MAAS for " + call.describe(), e);
        }
    }

    /** Journals one request MAAS answered: method, path and status; of an answer that is not 2xx, MAAS's message too. */
    private void journal(Call call, String method, URI uri, Response answer) {
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String target = call.machine().isEmpty() ? call.site().name() : call.machine();
        journal.record(new io.dayshift.evidence.Call(io.dayshift.evidence.Call.MAAS, target, method + " " + path, "HTTP " + answer.status(),
                answer.status() / 100 == 2 ? "" : maasMessage(answer)));
    }

    private RuntimeException failure(Call call, Response response) {
        int status = response.status();
        String text = maasMessage(response);
        String prefix = prefix(call);
        return switch (status) {
            case 400 -> text.contains(STATE_REFUSAL)
                    ? new MachineStateConflictException(call.site().name(), call.machine(), call.operation(),
                            prefix + "MAAS refused " + call.describe() + " in the machine's current state (HTTP 400): " + text)
                    : new MachineProvisioningException(prefix + "MAAS rejected the request for " + call.describe()
                            + " (HTTP 400): " + text, status);
            case 401 -> new MachineProvisioningException(prefix + "MAAS refused the API key read from "
                    + call.site().maas().apiKey() + " for " + call.describe() + " (HTTP 401" + (text.isEmpty() ? "" : ": " + text)
                    + "); check that the key is current and belongs to a MAAS user", status);
            case 403 -> new MachineProvisioningException(prefix + "MAAS does not allow the API key's user " + call.describe()
                    + " (HTTP 403" + (text.isEmpty() ? "" : ": " + text) + ")", status);
            case 404 -> new MachineNotFoundException(prefix + "MAAS found nothing for " + call.describe()
                    + " (HTTP 404" + (text.isEmpty() ? "" : ": " + text) + ")");
            case 409 -> new MachineStateConflictException(call.site().name(), call.machine(), call.operation(),
                    prefix + "MAAS refused " + call.describe() + " in the machine's current state (HTTP 409): " + text);
            default -> new MachineProvisioningException(prefix + "MAAS failed " + call.describe() + " (HTTP " + status
                    + (text.isEmpty() ? "" : ": " + text) + ")", status);
        };
    }

    /** MAAS's error text: plain text as is, a JSON dict of field errors as {@code field: message; …}; redacted and bounded. */
    String maasMessage(Response response) {
        String body = response.body().strip();
        String text = body;
        if (body.startsWith("{") || body.startsWith("[")) {
            try {
                text = flatten(json.readTree(body));
            } catch (JsonProcessingException e) {
                text = body;
            }
        }
        text = secrets.redact(text.replaceAll("\\s+", " ").strip());
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
    }

    private static String flatten(JsonNode node) {
        if (node.isObject()) {
            List<String> parts = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String messages = flatten(field.getValue());
                parts.add("__all__".equals(field.getKey()) ? messages : field.getKey() + ": " + messages);
            }
            return String.join("; ", parts);
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(element -> parts.add(flatten(element)));
            return String.join(" ", parts);
        }
        return node.asText();
    }

    private String detail(Response response) {
        String text = response == null ? "" : maasMessage(response);
        return text.isEmpty() ? "" : " (last answer: " + text + ")";
    }

    private Duration retryDelay(Response response, int attempt) {
        Duration delay = properties.retryBackoff().multipliedBy(attempt);
        Optional<String> retryAfter = response.retryAfter();
        if (retryAfter.isPresent() && retryAfter.get().strip().matches("\\d{1,6}")) {
            delay = Duration.ofSeconds(Long.parseLong(retryAfter.get().strip()));
        }
        return delay.compareTo(properties.maxRetryDelay()) > 0 ? properties.maxRetryDelay() : delay;
    }

    private static void pause(Call call, Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MachineProvisioningException(prefix(call) + "interrupted while waiting to retry " + call.describe(), e);
        }
    }

    private static URI uri(Site site, String path, String op, Params query) {
        String base = site.maas().url().toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        Params all = Params.of();
        if (op != null) {
            all.add("op", op);
        }
        String queryString = query.encode();
        String opString = all.encode();
        String joined = opString.isEmpty() ? queryString : queryString.isEmpty() ? opString : opString + "&" + queryString;
        return URI.create(base + "/api/2.0/" + path + (joined.isEmpty() ? "" : "?" + joined));
    }

    private static String endpoint(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String prefix(Call call) {
        return "site " + call.site().name() + ": ";
    }

    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
