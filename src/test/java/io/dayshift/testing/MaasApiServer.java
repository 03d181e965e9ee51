package io.dayshift.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server inside the test JVM that answers like a MAAS region API 2.0, for contract tests of
 * anything that talks to MAAS. It checks the OAuth 1.0a PLAINTEXT header against one API key, dispatches
 * on path + {@code op} + method like MAAS ({@code src/maasserver/api/support.py}), keeps a small in-memory
 * set of machines (built from the real example fixtures under {@code fixtures/maas/}), tags and script
 * results, enforces MAAS's state rules for the operations Dayshift uses, answers errors as MAAS does
 * (text/plain, JSON for field errors), can answer 503 a given number of times, and records every request.
 *
 * <p>The API user is {@value #API_USER}, an admin.
 */
public final class MaasApiServer implements AutoCloseable {

    public static final String API_USER = "admin";

    private static final String PREFIX = "/MAAS/api/2.0/";
    private static final String[] STATUS_LABELS = {
        "New", "Commissioning", "Failed commissioning", "Missing", "Ready", "Reserved", "Deployed", "Retired", "Broken",
        "Deploying", "Allocated", "Failed deployment", "Releasing", "Releasing failed", "Disk erasing", "Failed disk erasing",
        "Rescue mode", "Entering rescue mode", "Failed to enter rescue mode", "Exiting rescue mode", "Failed to exit rescue mode",
        "Testing", "Failed testing"};
    private static final String[] STATUS_NAMES = {
        "new", "commissioning", "failed_commissioning", "missing", "ready", "reserved", "deployed", "retired", "broken",
        "deploying", "allocated", "failed_deployment", "releasing", "failed_releasing", "disk_erasing", "failed_disk_erasing",
        "rescue_mode", "entering_rescue_mode", "failed_entering_rescue_mode", "exiting_rescue_mode", "failed_exiting_rescue_mode",
        "testing", "failed_testing"};
    /** node_action.py Commission.actionable_statuses */
    private static final Set<Integer> COMMISSIONABLE = Set.of(0, 2, 4, 8);
    /** models/node.py RELEASABLE_STATUSES */
    private static final Set<Integer> RELEASABLE = Set.of(10, 5, 8, 9, 6, 11, 15, 13);
    private static final Set<String> OAUTH_REQUIRED = Set.of(
            "oauth_consumer_key", "oauth_token", "oauth_signature", "oauth_signature_method", "oauth_timestamp", "oauth_nonce");
    private static final Pattern OAUTH_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern TAG_NAME = Pattern.compile("[a-zA-Z0-9_-]+");

    /** One request as received: method, path, decoded query and form parameters, and its Authorization header. */
    public record RecordedRequest(String method, String path, Map<String, List<String>> query, Map<String, List<String>> form,
                                  String authorization) {

        public String op() {
            List<String> op = query.getOrDefault("op", form.get("op"));
            return op == null || op.isEmpty() ? null : op.get(0);
        }

        /** All values of a parameter, from the query string then the form. */
        public List<String> param(String key) {
            List<String> values = new ArrayList<>(query.getOrDefault(key, List.of()));
            values.addAll(form.getOrDefault(key, List.of()));
            return values;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final String consumerKey;
    private final String tokenKey;
    private final String tokenSecret;
    private final Map<String, ObjectNode> machines = new LinkedHashMap<>();
    private final Map<String, ObjectNode> tags = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> scriptSets = new LinkedHashMap<>();
    private final Map<Long, Map<String, String>> scriptOutputs = new HashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailableAnswers = new AtomicInteger();
    private volatile String retryAfter;

    private MaasApiServer(String apiKey) throws IOException {
        String[] parts = apiKey.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("an API key is consumer:token:secret");
        }
        this.consumerKey = parts[0];
        this.tokenKey = parts[1];
        this.tokenSecret = parts[2];
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.createContext("/", this::handle);
    }

    /** Starts a server on 127.0.0.1 and a free port that accepts only {@code apiKey} ({@code consumer:token:secret}). */
    public static MaasApiServer start(String apiKey) {
        try {
            MaasApiServer maas = new MaasApiServer(apiKey);
            maas.server.start();
            return maas;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The region URL as configured for a site: {@code http://127.0.0.1:<port>/MAAS}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/MAAS");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- state set-up and inspection -------------------------------------------------------

    /**
     * Adds a machine built from a fixture ({@code machine-allocated.json}…) with the given identity, status and
     * owner (null: none); returns the live JSON object so a test can adjust other fields.
     */
    public synchronized ObjectNode addMachine(String fixture, String systemId, String hostname, int status, String owner) {
        ObjectNode machine = (ObjectNode) fixture(fixture);
        machine.put("system_id", systemId);
        machine.put("hostname", hostname);
        machine.put("fqdn", hostname + "." + machine.path("domain").path("name").asText("maas"));
        machine.put("resource_uri", "/MAAS/api/2.0/machines/" + systemId + "/");
        if (owner == null) {
            machine.putNull("owner");
        } else {
            machine.put("owner", owner);
        }
        machine.putArray("tag_names");
        machine.putNull("current_commissioning_result_id");
        machine.putNull("current_testing_result_id");
        setStatus(machine, status);
        machines.put(systemId, machine);
        return machine;
    }

    /** Moves a machine to another status, as MAAS itself would (commissioning finishing, failing…). */
    public synchronized void setStatus(String systemId, int status) {
        setStatus(existing(systemId), status);
    }

    /** A copy of the machine's JSON as the server holds it now. */
    public synchronized ObjectNode machine(String systemId) {
        return existing(systemId).deepCopy();
    }

    public synchronized void addTag(String name) {
        tags.put(name, tagObject(name, ""));
    }

    public synchronized boolean hasTag(String name) {
        return tags.containsKey(name);
    }

    /**
     * Makes {@code scriptSet} (one object of {@code script-results-read.json}) the machine's current commissioning
     * or testing run; {@code outputs} maps script names to their combined output, served base64 with
     * {@code include_output}.
     */
    public synchronized void setCurrentScriptSet(String systemId, boolean testing, JsonNode scriptSet, Map<String, String> outputs) {
        ObjectNode set = (ObjectNode) scriptSet.deepCopy();
        long id = set.path("id").asLong();
        set.put("system_id", systemId);
        set.put("resource_uri", "/MAAS/api/2.0/nodes/" + systemId + "/results/" + id + "/");
        scriptSets.put(id, set);
        scriptOutputs.put(id, Map.copyOf(outputs));
        existing(systemId).put(testing ? "current_testing_result_id" : "current_commissioning_result_id", id);
    }

    /** The next {@code times} authenticated requests get 503, with this Retry-After header (null: none). */
    public void answerUnavailable(int times, String retryAfterHeader) {
        this.retryAfter = retryAfterHeader;
        unavailableAnswers.set(times);
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public RecordedRequest lastRequest() {
        return requests.get(requests.size() - 1);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** A fixture of {@code fixtures/maas/} on the test class path, parsed. */
    public JsonNode fixture(String name) {
        try (InputStream in = MaasApiServer.class.getResourceAsStream("/fixtures/maas/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture fixtures/maas/" + name);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            Map<String, List<String>> query = decode(exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> form = "POST".equals(method) ? decode(body) : Map.of();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            RecordedRequest request = new RecordedRequest(method, path, query, form, authorization);
            requests.add(request);
            Answer answer;
            if (!path.startsWith(PREFIX)) {
                answer = text(404, "Not Found");
            } else {
                answer = authenticate(authorization);
                if (answer == null && unavailableAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    if (retryAfter != null) {
                        exchange.getResponseHeaders().add("Retry-After", retryAfter);
                    }
                    answer = text(503, "Unable to connect to any rack controller; the region is busy.");
                }
                if (answer == null) {
                    synchronized (this) {
                        answer = dispatch(request, path.substring(PREFIX.length()));
                    }
                }
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    private record Answer(int status, String contentType, String body) {
    }

    private static Answer text(int status, String body) {
        return new Answer(status, "text/plain; charset=utf-8", body);
    }

    private Answer json(int status, JsonNode node) {
        try {
            return new Answer(status, "application/json", json.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer fieldErrors(String field, String message) {
        ObjectNode errors = json.createObjectNode();
        errors.putArray(field).add(message);
        return json(400, errors);
    }

    /** piston3 / maasserver.api.auth: all OAuth parameters present, PLAINTEXT, known consumer and token, signature {@code &secret}. */
    private Answer authenticate(String header) {
        if (header == null || !header.startsWith("OAuth ")) {
            return text(401, "Authorization Error: Authentication credentials were not provided.");
        }
        Map<String, String> params = new HashMap<>();
        Matcher matcher = OAUTH_PARAM.matcher(header);
        while (matcher.find()) {
            params.put(matcher.group(1), URLDecoder.decode(matcher.group(2), StandardCharsets.UTF_8));
        }
        List<String> missing = OAUTH_REQUIRED.stream().filter(p -> params.getOrDefault(p, "").isEmpty()).sorted().toList();
        if (!missing.isEmpty()) {
            return text(400, "Bad Request: Missing OAuth parameters: " + String.join(", ", missing));
        }
        if (!"PLAINTEXT".equals(params.get("oauth_signature_method"))) {
            return text(401, "Authorization Error: Invalid signature method.");
        }
        if (!params.get("oauth_timestamp").matches("\\d+")) {
            return text(400, "Bad Request: Invalid timestamp.");
        }
        if (!consumerKey.equals(params.get("oauth_consumer_key"))) {
            return text(401, "Authorization Error: Invalid API key.");
        }
        if (!tokenKey.equals(params.get("oauth_token")) || !("&" + tokenSecret).equals(params.get("oauth_signature"))) {
            return text(401, "Authorization Error: Invalid access token or signature.");
        }
        return null;
    }

    private Answer dispatch(RecordedRequest request, String path) {
        String method = request.method();
        String op = request.op();
        String[] segments = path.split("/");
        if (!path.endsWith("/")) {
            return text(404, "Not Found");
        }
        if (path.equals("machines/")) {
            if ("GET".equals(method) && op == null) {
                return listMachines(request);
            }
            if ("POST".equals(method) && "allocate".equals(op)) {
                return allocate(request);
            }
            return unrecognised(method, op);
        }
        if (segments.length == 2 && segments[0].equals("machines")) {
            ObjectNode machine = machines.get(segments[1]);
            if (machine == null) {
                return text(404, "No Machine matches the given query.");
            }
            return machineOperation(request, method, op, machine);
        }
        if (path.equals("tags/")) {
            if ("GET".equals(method) && op == null) {
                ArrayNode all = json.createArrayNode();
                tags.values().forEach(all::add);
                return json(200, all);
            }
            if ("POST".equals(method) && op == null) {
                return createTag(request);
            }
            return unrecognised(method, op);
        }
        if (segments.length == 2 && segments[0].equals("tags")) {
            ObjectNode tag = tags.get(segments[1]);
            if (tag == null) {
                return text(404, "No Tag matches the given query.");
            }
            if ("GET".equals(method) && op == null) {
                return json(200, tag);
            }
            if ("POST".equals(method) && "update_nodes".equals(op)) {
                return updateNodes(request, segments[1]);
            }
            return unrecognised(method, op);
        }
        if (segments.length >= 3 && segments[0].equals("nodes") && segments[2].equals("results")) {
            ObjectNode machine = machines.get(segments[1]);
            if (machine == null) {
                return text(404, "No Node matches the given query.");
            }
            if (!"GET".equals(method) || op != null) {
                return unrecognised(method, op);
            }
            return segments.length == 3 ? scriptSets(request, machine) : scriptSet(request, machine, segments[3]);
        }
        return text(404, "Not Found");
    }

    private static Answer unrecognised(String method, String op) {
        return text(400, "Unrecognised signature: method=" + method + " op=" + op);
    }

    private Answer machineOperation(RecordedRequest request, String method, String op, ObjectNode machine) {
        if ("GET".equals(method)) {
            if (op == null) {
                return json(200, machine);
            }
            if ("query_power_state".equals(op)) {
                ObjectNode state = json.createObjectNode();
                state.put("state", machine.path("power_state").asText("unknown"));
                return json(200, state);
            }
            return unrecognised(method, op);
        }
        if (!"POST".equals(method) || op == null) {
            return unrecognised(method, op);
        }
        int status = machine.path("status").asInt();
        switch (op) {
            case "commission" -> {
                if (!COMMISSIONABLE.contains(status)) {
                    return fieldErrors("__all__", "Commission is not available because of the current state of the node.");
                }
                machine.put("owner", API_USER);
                machine.put("commissioning_status_name", "Pending");
                machine.put("testing_status_name", "Pending");
                setStatus(machine, 1);
                return json(200, machine);
            }
            case "mark_broken" -> {
                if (!API_USER.equals(machine.path("owner").asText(null))) {
                    return text(403, "");
                }
                if (RELEASABLE.contains(status)) {
                    machine.putNull("owner");
                }
                List<String> comment = request.param("comment");
                machine.put("error_description", comment.isEmpty() ? "" : comment.get(0));
                setStatus(machine, 8);
                return json(200, machine);
            }
            case "power_on" -> {
                if (machine.path("owner").isNull()) {
                    return text(409, "Can't start node: it hasn't been allocated.");
                }
                machine.put("power_state", "on");
                return json(200, machine);
            }
            case "power_off" -> {
                machine.put("power_state", "off");
                return json(200, machine);
            }
            case "deploy" -> {
                if (status == 4) {
                    if (!machine.path("owner").isNull() && !API_USER.equals(machine.path("owner").asText())) {
                        return text(409, "Can't allocate a machine belonging to another user.");
                    }
                    machine.put("owner", API_USER);
                    setStatus(machine, 10);
                    status = 10;
                }
                if (status != 10) {
                    return text(409, "Can't deploy a machine that is in the '" + STATUS_LABELS[status] + "' state");
                }
                List<String> series = request.param("distro_series");
                machine.put("osystem", "ubuntu");
                machine.put("distro_series", series.isEmpty() ? "noble" : series.get(0));
                setStatus(machine, 9);
                return json(200, machine);
            }
            case "release" -> {
                if (status == 12 || status == 4) {
                    return json(200, machine);
                }
                if (!RELEASABLE.contains(status)) {
                    return text(409, "Machine cannot be released in its current state ('" + STATUS_LABELS[status] + "').");
                }
                boolean erase = request.param("erase").stream().anyMatch(v -> !v.equalsIgnoreCase("false") && !v.equals("0"));
                setStatus(machine, erase ? 14 : 12);
                return json(200, machine);
            }
            default -> {
                return unrecognised(method, op);
            }
        }
    }

    private Answer listMachines(RecordedRequest request) {
        List<String> hostnames = request.param("hostname");
        List<String> wantedTags = request.param("tags");
        List<String> statuses = request.param("status");
        for (String status : statuses) {
            if (!List.of(STATUS_NAMES).contains(status)) {
                return fieldErrors("status", "Select a valid choice. " + status + " is not one of the available choices.");
            }
        }
        List<String> zones = request.param("zone");
        List<String> pools = request.param("pool");
        ArrayNode answer = json.createArrayNode();
        for (ObjectNode machine : machines.values()) {
            if (!hostnames.isEmpty() && !hostnames.contains(machine.path("hostname").asText())) {
                continue;
            }
            if (!tagNames(machine).containsAll(wantedTags)) {
                continue;
            }
            if (!statuses.isEmpty() && !statuses.contains(STATUS_NAMES[machine.path("status").asInt()])) {
                continue;
            }
            if (!zones.isEmpty() && !zones.contains(machine.path("zone").path("name").asText())) {
                continue;
            }
            if (!pools.isEmpty() && !pools.contains(machine.path("pool").path("name").asText())) {
                continue;
            }
            answer.add(machine);
        }
        return json(200, answer);
    }

    private Answer allocate(RecordedRequest request) {
        List<String> systemId = request.param("system_id");
        List<String> wanted = request.param("tags");
        for (ObjectNode machine : machines.values()) {
            boolean available = machine.path("status").asInt() == 4 && machine.path("owner").isNull();
            boolean matches = (systemId.isEmpty() || systemId.contains(machine.path("system_id").asText()))
                    && tagNames(machine).containsAll(wanted);
            if (available && matches) {
                machine.put("owner", API_USER);
                setStatus(machine, 10);
                machine.put("status_message", "From 'Ready' to 'Allocated' (to " + API_USER + ")");
                return json(200, machine);
            }
        }
        if (!systemId.isEmpty()) {
            return text(409, "No machine with system ID " + systemId.get(0) + " available.");
        }
        return text(409, wanted.isEmpty() ? "No machine available."
                : "No available machine matches constraints: [('tags', " + wanted + ")] (resolved to \"tags=" + String.join(",", wanted) + "\")");
    }

    private Answer createTag(RecordedRequest request) {
        List<String> names = request.param("name");
        if (names.isEmpty() || names.get(0).isEmpty()) {
            return fieldErrors("name", "This field is required.");
        }
        String name = names.get(0);
        if (!TAG_NAME.matcher(name).matches()) {
            return fieldErrors("name", "Invalid character in tag name.");
        }
        if (tags.containsKey(name)) {
            return fieldErrors("name", "Tag with this Name already exists.");
        }
        List<String> comment = request.param("comment");
        ObjectNode tag = tagObject(name, comment.isEmpty() ? "" : comment.get(0));
        tags.put(name, tag);
        return json(200, tag);
    }

    private Answer updateNodes(RecordedRequest request, String tag) {
        int added = 0;
        for (String systemId : request.param("add")) {
            ObjectNode machine = machines.get(systemId);
            if (machine != null) {
                added++;
                if (!tagNames(machine).contains(tag)) {
                    ((ArrayNode) machine.get("tag_names")).add(tag);
                }
            }
        }
        int removed = 0;
        for (String systemId : request.param("remove")) {
            ObjectNode machine = machines.get(systemId);
            if (machine != null) {
                removed++;
                ArrayNode names = (ArrayNode) machine.get("tag_names");
                for (int i = names.size() - 1; i >= 0; i--) {
                    if (names.get(i).asText().equals(tag)) {
                        names.remove(i);
                    }
                }
            }
        }
        ObjectNode answer = json.createObjectNode();
        answer.put("added", added);
        answer.put("removed", removed);
        return json(200, answer);
    }

    private Answer scriptSets(RecordedRequest request, ObjectNode machine) {
        List<String> type = request.param("type");
        ArrayNode answer = json.createArrayNode();
        for (ObjectNode set : scriptSets.values()) {
            if (!set.path("system_id").asText().equals(machine.path("system_id").asText())) {
                continue;
            }
            if (!type.isEmpty()) {
                String wanted = type.get(0).toLowerCase(Locale.ROOT);
                String typeName = set.path("type_name").asText().toLowerCase(Locale.ROOT);
                if (!wanted.equals(typeName) && !wanted.equals(set.path("type").asText())) {
                    continue;
                }
            }
            answer.add(withOutput(request, set));
        }
        return json(200, answer);
    }

    private Answer scriptSet(RecordedRequest request, ObjectNode machine, String id) {
        JsonNode setId = switch (id) {
            case "current-commissioning" -> machine.path("current_commissioning_result_id");
            case "current-testing" -> machine.path("current_testing_result_id");
            default -> null;
        };
        if (setId != null && !setId.canConvertToLong()) {
            return text(400, "No " + id.replace('-', ' ') + " script set exists for this node.");
        }
        if (setId == null && !id.matches("\\d+")) {
            return text(400, "Unknown id \"" + id + "\" must be current-commissioning, current-testing, current-installation, "
                    + "or the id number of a specific result.");
        }
        ObjectNode set = scriptSets.get(setId != null ? setId.asLong() : Long.parseLong(id));
        if (set == null || !set.path("system_id").asText().equals(machine.path("system_id").asText())) {
            return text(404, "No ScriptSet matches the given query.");
        }
        return json(200, withOutput(request, set));
    }

    private ObjectNode withOutput(RecordedRequest request, ObjectNode set) {
        ObjectNode copy = set.deepCopy();
        List<String> include = request.param("include_output");
        if (include.isEmpty() || include.get(0).equalsIgnoreCase("false") || include.get(0).equals("0")) {
            return copy;
        }
        Map<String, String> outputs = scriptOutputs.getOrDefault(set.path("id").asLong(), Map.of());
        for (JsonNode result : copy.path("results")) {
            String output = outputs.getOrDefault(result.path("name").asText(), "");
            String encoded = Base64.getEncoder().encodeToString(output.getBytes(StandardCharsets.UTF_8));
            ((ObjectNode) result).put("output", encoded);
            ((ObjectNode) result).put("stdout", encoded);
            ((ObjectNode) result).put("stderr", "");
            ((ObjectNode) result).put("result", "");
        }
        return copy;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private ObjectNode existing(String systemId) {
        ObjectNode machine = machines.get(systemId);
        if (machine == null) {
            throw new IllegalArgumentException("no machine " + systemId + " in the fake MAAS");
        }
        return machine;
    }

    private static void setStatus(ObjectNode machine, int status) {
        int previous = machine.path("status").asInt(-1);
        machine.put("status", status);
        machine.put("status_name", STATUS_LABELS[status]);
        if (previous >= 0 && previous < STATUS_LABELS.length && previous != status) {
            machine.put("status_message", "From '" + STATUS_LABELS[previous] + "' to '" + STATUS_LABELS[status] + "'");
        }
    }

    private static List<String> tagNames(ObjectNode machine) {
        List<String> names = new ArrayList<>();
        machine.path("tag_names").forEach(name -> names.add(name.asText()));
        return names;
    }

    private ObjectNode tagObject(String name, String comment) {
        ObjectNode tag = json.createObjectNode();
        tag.put("name", name);
        tag.put("definition", "");
        tag.put("comment", comment);
        tag.put("kernel_opts", "");
        tag.put("resource_uri", "/MAAS/api/2.0/tags/" + name + "/");
        return tag;
    }

    private static Map<String, List<String>> decode(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }
}
