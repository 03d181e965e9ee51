package io.dayshift.lab.maas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.lab.LabSites;
import io.dayshift.lab.model.LabException;
import io.dayshift.lab.model.LabScriptSet;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.MaasState;
import io.dayshift.lab.model.MaasMachine;
import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.ScriptPhase;
import jakarta.servlet.http.HttpServletRequest;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lab's MAAS region API 2.0 at {@code /lab/maas/{site}/MAAS/api/2.0/}, acting on the lab site's model: exactly what the
 * production MAAS adapter uses, in MAAS's shapes. It checks MAAS's OAuth 1.0a PLAINTEXT header against the API key the lab
 * wrote for the site, dispatches like MAAS ({@code src/maasserver/api/support.py}: path, {@code op}, GET for idempotent
 * operations and POST form-encoded for the others, repeated keys for lists) and answers errors as MAAS does: text/plain,
 * JSON field errors for validation (400), {@code Unrecognised signature} for unknown operations.
 *
 * <table>
 * <caption>Served, relative to the API root</caption>
 * <tr><td>{@code GET machines/}</td><td>filters {@code hostname}, {@code tags} (all), {@code status}, {@code zone}, {@code pool}, {@code id}</td></tr>
 * <tr><td>{@code POST machines/?op=allocate}</td><td>{@code system_id}, {@code name}, {@code tags} (all), {@code zone}</td></tr>
 * <tr><td>{@code GET machines/{id}/}, {@code GET …?op=query_power_state}</td><td></td></tr>
 * <tr><td>{@code POST machines/{id}/?op=commission|mark_broken|power_on|power_off|deploy|release}</td><td></td></tr>
 * <tr><td>{@code GET tags/}, {@code POST tags/}, {@code GET tags/{name}/}, {@code GET …?op=machines}, {@code POST …?op=update_nodes}</td><td></td></tr>
 * <tr><td>{@code GET nodes/{id}/results/}, {@code GET nodes/{id}/results/{set}/}</td><td>{@code include_output}; set ids or {@code current-commissioning}, {@code current-testing}</td></tr>
 * </table>
 *
 * <p>Exists only with the lab ({@code dayshift.lab.enabled=true}); {@link LabMaasSecurity} lets its requests past the
 * service's HTTP basic.
 */
@RestController
@ConditionalOnProperty(prefix = "dayshift.lab", name = "enabled", havingValue = "true")
public class LabMaasController {

    static final String ROOT = "/lab/maas";
    private static final String API = "/MAAS/api/2.0/";
    private static final Pattern TAG_NAME = Pattern.compile("[a-zA-Z0-9_-]+");
    private static final String TEXT = "text/plain; charset=utf-8";

    private final LabSites lab;

    LabMaasController(LabSites lab) {
        this.lab = lab;
    }

    /** One request to the API: the site's model, the path below the API root, its parameters. */
    private record Call(LabSite site, MaasJson json, String method, String op, HttpServletRequest request) {

        List<String> param(String key) {
            String[] values = request.getParameterValues(key);
            return values == null ? List.of() : Arrays.asList(values);
        }

        String first(String key) {
            List<String> values = param(key);
            return values.isEmpty() ? "" : values.get(0);
        }

        boolean flag(String key) {
            String value = first(key).toLowerCase(Locale.ROOT);
            return !value.isEmpty() && !value.equals("false") && !value.equals("0") && !value.equals("off");
        }
    }

    @RequestMapping(ROOT + "/{site}" + API + "**")
    public ResponseEntity<String> api(@PathVariable String site, HttpServletRequest request) {
        Optional<LabSite> found = lab.find(site);
        if (found.isEmpty()) {
            return text(404, "Not Found");
        }
        Optional<MaasOAuth.Refusal> refusal = MaasOAuth.check(request.getHeader(HttpHeaders.AUTHORIZATION), lab.maasApiKey(site));
        if (refusal.isPresent()) {
            return text(refusal.get().status(), refusal.get().message());
        }
        String prefix = ROOT + "/" + site + API;
        String path = request.getRequestURI().substring(Math.min(request.getRequestURI().length(), prefix.length()));
        String op = request.getParameter("op");
        Call call = new Call(found.get(), new MaasJson(prefix), request.getMethod(), op == null || op.isEmpty() ? null : op, request);
        try {
            return dispatch(call, path);
        } catch (LabException e) {
            return switch (e.kind()) {
                case NOT_FOUND -> text(404, e.getMessage());
                case CONFLICT -> text(409, e.getMessage());
                case BAD_REQUEST -> text(400, e.getMessage());
            };
        }
    }

    private ResponseEntity<String> dispatch(Call call, String path) {
        if (!path.endsWith("/")) {
            return text(404, "Not Found");
        }
        String[] segments = path.split("/");
        String method = call.method();
        String op = call.op();
        if (path.equals("machines/")) {
            if (is(call, "GET", null)) {
                return listMachines(call);
            }
            if (is(call, "POST", "allocate")) {
                return machine(call, call.site().maas().allocate(call.param("tags"), systemIdConstraint(call), call.first("zone"), MaasState.MAAS_API_USER));
            }
            return unrecognised(method, op);
        }
        if (segments.length == 2 && segments[0].equals("machines")) {
            MaasMachine machine = call.site().maas().machine(segments[1])
                    .orElseThrow(() -> new LabException(LabException.Kind.NOT_FOUND, "No Machine matches the given query."));
            return machineOperation(call, machine);
        }
        if (path.equals("tags/")) {
            if (is(call, "GET", null)) {
                ArrayNode all = call.json().mapper().createArrayNode();
                call.site().maas().maasTags().stream().sorted().forEach(t -> all.add(call.json().tag(t, call.site().maas().tagComment(t))));
                return json(call, 200, all);
            }
            if (is(call, "POST", null)) {
                return createTag(call);
            }
            return unrecognised(method, op);
        }
        if (segments.length == 2 && segments[0].equals("tags")) {
            String tag = segments[1];
            if (!call.site().maas().maasTags().contains(tag)) {
                return text(404, "No Tag matches the given query.");
            }
            if (is(call, "GET", null)) {
                return json(call, 200, call.json().tag(tag, call.site().maas().tagComment(tag)));
            }
            if (is(call, "GET", "machines")) {
                ArrayNode tagged = call.json().mapper().createArrayNode();
                call.site().maas().machines().stream().filter(m -> m.hasTag(tag)).forEach(m -> tagged.add(call.json().machine(call.site(), m)));
                return json(call, 200, tagged);
            }
            if (is(call, "POST", "update_nodes")) {
                return updateNodes(call, tag);
            }
            return unrecognised(method, op);
        }
        if (segments.length >= 3 && segments.length <= 4 && segments[0].equals("nodes") && segments[2].equals("results")) {
            if (call.site().maas().machine(segments[1]).isEmpty()) {
                return text(404, "No Node matches the given query.");
            }
            if (!is(call, "GET", null)) {
                return unrecognised(method, op);
            }
            return segments.length == 3 ? scriptSets(call, segments[1]) : scriptSet(call, segments[1], segments[3]);
        }
        return text(404, "Not Found");
    }

    private ResponseEntity<String> machineOperation(Call call, MaasMachine machine) {
        LabSite site = call.site();
        String id = machine.systemId();
        if (is(call, "GET", null)) {
            return machine(call, machine);
        }
        if (is(call, "GET", "query_power_state")) {
            ObjectNode state = call.json().mapper().createObjectNode();
            state.put("state", machine.powerState().name().toLowerCase(Locale.ROOT));
            return json(call, 200, state);
        }
        if (!"POST".equals(call.method()) || call.op() == null) {
            return unrecognised(call.method(), call.op());
        }
        return switch (call.op()) {
            case "commission" -> commission(call, id);
            case "mark_broken" -> machine(call, site.maas().markBroken(id, call.param("comment").isEmpty() ? call.first("error_description")
                    : call.first("comment")));
            case "power_on" -> machine(call, site.maas().powerOn(id));
            case "power_off" -> machine(call, site.maas().powerOff(id));
            case "deploy" -> machine(call, site.maas().deploy(id, call.first("distro_series"), MaasState.MAAS_API_USER));
            case "release" -> machine(call, site.maas().release(id, call.flag("erase") || call.flag("secure_erase") || call.flag("quick_erase")));
            default -> unrecognised(call.method(), call.op());
        };
    }

    /** {@code commissioning_scripts} and {@code testing_scripts} are comma-separated (or repeated); {@code testing_scripts=none} runs no tests. */
    private ResponseEntity<String> commission(Call call, String id) {
        List<String> commissioning = scripts(call.param("commissioning_scripts"));
        List<String> testing = scripts(call.param("testing_scripts"));
        boolean none = testing.stream().anyMatch(s -> s.equalsIgnoreCase("none"));
        try {
            return machine(call, call.site().maas().commission(id, MaasState.MAAS_API_USER, commissioning, none ? List.of() : testing, none));
        } catch (LabException e) {
            if (e.kind() != LabException.Kind.BAD_REQUEST) {
                throw e;
            }
            return fieldErrors(call, "__all__", e.getMessage());
        }
    }

    private ResponseEntity<String> listMachines(Call call) {
        List<String> hostnames = call.param("hostname");
        List<String> tags = call.param("tags");
        List<String> statuses = call.param("status");
        List<String> ids = call.param("id");
        for (String status : statuses) {
            if (Arrays.stream(MachineStatus.values()).noneMatch(s -> s != MachineStatus.UNKNOWN && s.filterName().equals(status))) {
                return fieldErrors(call, "status", "Select a valid choice. " + status + " is not one of the available choices.");
            }
        }
        List<String> zones = call.param("zone");
        List<String> pools = call.param("pool");
        ArrayNode answer = call.json().mapper().createArrayNode();
        for (MaasMachine m : call.site().maas().machines()) {
            if ((hostnames.isEmpty() || hostnames.contains(m.hostname()))
                    && m.tags().containsAll(tags)
                    && (statuses.isEmpty() || statuses.contains(m.status().filterName()))
                    && (ids.isEmpty() || ids.contains(m.systemId()))
                    && (zones.isEmpty() || zones.contains(m.zone()))
                    && (pools.isEmpty() || pools.contains(m.pool()))) {
                answer.add(call.json().machine(call.site(), m));
            }
        }
        return json(call, 200, answer);
    }

    /** {@code system_id}, or the machine named by {@code name} (host name or FQDN); a name MAAS does not know matches nothing. */
    private static String systemIdConstraint(Call call) {
        String systemId = call.first("system_id");
        String name = call.first("name");
        if (!systemId.isEmpty() || name.isEmpty()) {
            return systemId;
        }
        String hostname = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return call.site().maas().machineByHostname(hostname).map(MaasMachine::systemId).orElse("(no machine named " + name + ")");
    }

    private ResponseEntity<String> createTag(Call call) {
        String name = call.first("name");
        if (name.isEmpty()) {
            return fieldErrors(call, "name", "This field is required.");
        }
        if (!TAG_NAME.matcher(name).matches()) {
            return fieldErrors(call, "name", "Invalid character in tag name.");
        }
        if (!call.first("definition").isEmpty()) {
            return fieldErrors(call, "definition", "The lab has manual tags only (an empty definition).");
        }
        if (!call.site().maas().createTag(name, call.first("comment"))) {
            return fieldErrors(call, "name", "Tag with this Name already exists.");
        }
        return json(call, 200, call.json().tag(name, call.first("comment")));
    }

    /** Adds and removes the tag; system ids MAAS does not know are ignored; counts every known one, as MAAS does. */
    private ResponseEntity<String> updateNodes(Call call, String tag) {
        int added = 0;
        for (String id : call.param("add")) {
            if (call.site().maas().machine(id).isPresent()) {
                call.site().maas().tagMachine(id, tag);
                added++;
            }
        }
        int removed = 0;
        for (String id : call.param("remove")) {
            if (call.site().maas().machine(id).isPresent()) {
                call.site().maas().untagMachine(id, tag);
                removed++;
            }
        }
        ObjectNode answer = call.json().mapper().createObjectNode();
        answer.put("added", added);
        answer.put("removed", removed);
        return json(call, 200, answer);
    }

    private ResponseEntity<String> scriptSets(Call call, String systemId) {
        String type = call.first("type").toLowerCase(Locale.ROOT);
        ArrayNode answer = call.json().mapper().createArrayNode();
        for (ScriptPhase phase : ScriptPhase.values()) {
            String name = phase == ScriptPhase.COMMISSIONING ? "commissioning" : "testing";
            String code = phase == ScriptPhase.COMMISSIONING ? "0" : "2";
            if (type.isEmpty() || type.equals(name) || type.equals(code)) {
                call.site().maas().currentScriptSet(systemId, phase).ifPresent(set -> answer.add(call.json().scriptSet(set, call.flag("include_output"))));
            }
        }
        return json(call, 200, answer);
    }

    private ResponseEntity<String> scriptSet(Call call, String systemId, String id) {
        Optional<LabScriptSet> set;
        if (id.equals("current-commissioning") || id.equals("current-testing")) {
            set = call.site().maas().currentScriptSet(systemId, id.equals("current-testing") ? ScriptPhase.TESTING : ScriptPhase.COMMISSIONING);
            if (set.isEmpty()) {
                return text(400, "No " + id.replace('-', ' ') + " script set exists for this node.");
            }
        } else if (id.matches("\\d{1,9}")) {
            set = call.site().maas().scriptSet(systemId, Integer.parseInt(id));
        } else {
            return text(400, "Unknown id \"" + id + "\" must be current-commissioning, current-testing, current-installation, "
                    + "or the id number of a specific result.");
        }
        return set.map(s -> json(call, 200, call.json().scriptSet(s, call.flag("include_output"))))
                .orElseGet(() -> text(404, "No ScriptSet matches the given query."));
    }

    // ---- answers ---------------------------------------------------------------------------

    private static boolean is(Call call, String method, String op) {
        return method.equals(call.method()) && java.util.Objects.equals(op, call.op());
    }

    private static List<String> scripts(List<String> values) {
        List<String> names = new ArrayList<>();
        for (String value : values) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    private ResponseEntity<String> machine(Call call, MaasMachine machine) {
        return json(call, 200, call.json().machine(call.site(), machine));
    }

    private static ResponseEntity<String> unrecognised(String method, String op) {
        return text(400, "Unrecognised signature: method=" + method + " op=" + op);
    }

    private static ResponseEntity<String> fieldErrors(Call call, String field, String message) {
        ObjectNode errors = call.json().mapper().createObjectNode();
        errors.putArray(field).add(message);
        return json(call, 400, errors);
    }

    private static ResponseEntity<String> json(Call call, int status, JsonNode body) {
        try {
            return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, "application/json")
                    .body(call.json().mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseEntity<String> text(int status, String body) {
        return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, TEXT).body(body);
    }
}
