package io.dayshift.adapter.maas;

import com.fasterxml.jackson.databind.JsonNode;
import io.dayshift.adapter.maas.MaasClient.Call;
import io.dayshift.machine.CommissionOptions;
import io.dayshift.machine.CommissioningState;
import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineNotFoundException;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineProvisioningException;
import io.dayshift.machine.MachineQuery;
import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.PowerOffMode;
import io.dayshift.machine.PowerState;
import io.dayshift.machine.ScriptPhase;
import io.dayshift.machine.ScriptResult;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@link MachineProvisioner} over the MAAS REST API 2.0 (see the research notes on MAAS in the project docs). */
final class MaasMachineProvisioner implements MachineProvisioner {

    /** A system id or hostname: nothing that could change the URL path. */
    private static final Pattern MACHINE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
    /** What a MAAS system id looks like ({@code thr3am}); anything else can only be a hostname. */
    private static final Pattern SYSTEM_ID = Pattern.compile("[a-z0-9]{4,12}");
    /** MAAS's own rule for tag names (src/maasserver/models/tag.py). */
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_-]{1,256}");
    private static final Pattern SCRIPT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final Pattern DISTRO_SERIES = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,63}");

    private final MaasClient client;
    private final Secrets secrets;
    private final MaasProperties properties;

    MaasMachineProvisioner(MaasClient client, Secrets secrets, MaasProperties properties) {
        this.client = client;
        this.secrets = secrets;
        this.properties = properties;
    }

    @Override
    public List<Machine> listMachines(Site site, MachineQuery query) {
        Params params = Params.of()
                .addAll("hostname", query.hostnames())
                .addAll("tags", query.tags())
                .addAll("status", query.statuses().stream().map(MachineStatus::filterName).toList())
                .addIfNotEmpty("zone", query.zone())
                .addIfNotEmpty("pool", query.pool());
        return MaasJson.machines(client.get(new Call(site, "", "list machines"), "machines/", null, params));
    }

    @Override
    public Optional<Machine> findMachine(Site site, String machine) {
        return lookup(new Call(site, printable(machine), "read"), machine).map(MaasJson::machine);
    }

    @Override
    public Machine commission(Site site, String machine, CommissionOptions options) {
        Target target = target(site, machine, "commission");
        Params form = Params.of();
        if (!options.commissioningScripts().isEmpty()) {
            form.add("commissioning_scripts", scripts(options.commissioningScripts()));
        }
        if (options.skipTesting()) {
            form.add("testing_scripts", "none");
        } else if (!options.testingScripts().isEmpty()) {
            form.add("testing_scripts", scripts(options.testingScripts()));
        }
        return MaasJson.machine(client.post(target.call(), target.path(), "commission", form));
    }

    @Override
    public CommissioningState checkCommissioning(Site site, String machine) {
        return MaasJson.commissioningState(require(new Call(site, printable(machine), "check commissioning"), machine));
    }

    @Override
    public List<ScriptResult> scriptResults(Site site, String machine, ScriptPhase phase) {
        String operation = "read " + phase.name().toLowerCase(Locale.ROOT) + " results";
        Call call = new Call(site, printable(machine), operation);
        JsonNode node = require(call, machine);
        call = call.forMachine(MaasJson.machine(node).display());
        long setId = MaasJson.currentResultId(node, phase);
        if (setId < 0) {
            return List.of();
        }
        JsonNode scriptSet = client.get(call, "nodes/" + node.path("system_id").asText() + "/results/" + setId + "/", null,
                Params.of().add("include_output", "true"));
        return MaasJson.scriptResults(scriptSet, phase, properties.outputTailChars(), secrets::redact);
    }

    @Override
    public Machine markBroken(Site site, String machine, String comment) {
        Target target = target(site, machine, "mark broken");
        return MaasJson.machine(client.post(target.call(), target.path(), "mark_broken",
                Params.of().addIfNotEmpty("comment", comment == null ? "" : comment)));
    }

    @Override
    public void ensureTag(Site site, String tag, String comment) {
        Call call = new Call(site, "", "create tag " + tag(tag));
        if (client.getIfExists(call, "tags/" + tag + "/", null, Params.of()).isPresent()) {
            return;
        }
        MaasClient.Response response = client.postRaw(call, "tags/", null,
                Params.of().add("name", tag).addIfNotEmpty("comment", comment == null ? "" : comment));
        if (response.status() == 400 && client.maasMessage(response).contains("already exists")) {
            return; // created meanwhile by someone else: the postcondition holds
        }
        client.bodyOf(call, response);
    }

    @Override
    public int tagMachines(Site site, String tag, Collection<String> machines) {
        return updateNodes(site, tag, machines, "add");
    }

    @Override
    public int untagMachines(Site site, String tag, Collection<String> machines) {
        return updateNodes(site, tag, machines, "remove");
    }

    private int updateNodes(Site site, String tag, Collection<String> machines, String direction) {
        String operation = ("add".equals(direction) ? "tag with " : "untag ") + tag(tag);
        List<String> systemIds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String machine : machines) {
            JsonNode node = require(new Call(site, printable(machine), operation), machine);
            systemIds.add(node.path("system_id").asText());
            names.add(MaasJson.machine(node).display());
        }
        if (systemIds.isEmpty()) {
            return 0;
        }
        Call call = new Call(site, String.join(", ", names), operation);
        JsonNode answer = client.post(call, "tags/" + tag + "/", "update_nodes", Params.of().addAll(direction, systemIds));
        return answer.path("add".equals(direction) ? "added" : "removed").asInt(0);
    }

    @Override
    public PowerState queryPowerState(Site site, String machine) {
        Target target = target(site, machine, "query power state");
        return MaasJson.powerState(client.get(target.call(), target.path(), "query_power_state", Params.of()));
    }

    @Override
    public Machine powerOn(Site site, String machine) {
        Target target = target(site, machine, "power on");
        return MaasJson.machine(client.post(target.call(), target.path(), "power_on", Params.of()));
    }

    @Override
    public Machine powerOff(Site site, String machine, PowerOffMode mode) {
        Target target = target(site, machine, "power off");
        return MaasJson.machine(client.post(target.call(), target.path(), "power_off",
                Params.of().add("stop_mode", mode.name().toLowerCase(Locale.ROOT))));
    }

    @Override
    public Machine allocate(Site site, String machine, List<String> tags) {
        Target target = target(site, machine, "allocate");
        tags.forEach(MaasMachineProvisioner::tag);
        return MaasJson.machine(client.post(target.call(), "machines/", "allocate",
                Params.of().add("system_id", target.systemId()).addAll("tags", tags)));
    }

    @Override
    public Machine deploy(Site site, String machine, String distroSeries) {
        String series = distroSeries == null ? "" : distroSeries.strip();
        if (!series.isEmpty() && !DISTRO_SERIES.matcher(series).matches()) {
            throw new IllegalArgumentException("not a distro series: " + printable(series));
        }
        Target target = target(site, machine, "deploy");
        return MaasJson.machine(client.post(target.call(), target.path(), "deploy", Params.of().addIfNotEmpty("distro_series", series)));
    }

    @Override
    public Machine release(Site site, String machine, boolean eraseDisks) {
        Target target = target(site, machine, "release");
        Params form = Params.of();
        if (eraseDisks) {
            form.add("erase", "true");
        }
        return MaasJson.machine(client.post(target.call(), target.path(), "release", form));
    }

    /** A machine MAAS knows, and the call about it whose machine reads {@code hostname (system_id)}. */
    private record Target(Call call, String systemId) {

        String path() {
            return "machines/" + systemId + "/";
        }
    }

    /** Looks the machine up by system id (when it looks like one) and else by hostname. */
    private Target target(Site site, String machine, String operation) {
        Call call = new Call(site, printable(machine), operation);
        Machine found = MaasJson.machine(require(call, machine));
        return new Target(call.forMachine(found.display()), found.systemId());
    }

    private JsonNode require(Call call, String machine) {
        return lookup(call, machine).orElseThrow(() -> new MachineNotFoundException("site " + call.site().name()
                + ": MAAS knows no machine with system id or hostname '" + machine + "' (" + call.operation() + ")"));
    }

    private Optional<JsonNode> lookup(Call call, String machine) {
        if (machine == null || !MACHINE.matcher(machine).matches()) {
            throw new IllegalArgumentException("site " + call.site().name() + ": not a MAAS system id or hostname: " + printable(machine));
        }
        if (SYSTEM_ID.matcher(machine).matches()) {
            Optional<JsonNode> byId = client.getIfExists(call, "machines/" + machine + "/", null, Params.of());
            if (byId.isPresent()) {
                return byId;
            }
        }
        String shortName = machine.contains(".") ? machine.substring(0, machine.indexOf('.')) : machine;
        JsonNode found = client.getIfExists(call, "machines/", null, Params.of().add("hostname", shortName))
                .orElseThrow(() -> new MachineProvisioningException("site " + call.site().name() + ": MAAS at "
                        + call.site().maas().url() + " has no machines endpoint (HTTP 404 for " + call.describe()
                        + "); check dayshift.sites." + call.site().name() + ".maas.url (it usually ends in /MAAS)", 404));
        List<JsonNode> matches = new ArrayList<>();
        found.forEach(node -> {
            if (!machine.contains(".") || machine.equalsIgnoreCase(node.path("fqdn").asText())) {
                matches.add(node);
            }
        });
        if (matches.size() > 1) {
            throw new MachineProvisioningException("site " + call.site().name() + ": " + matches.size()
                    + " MAAS machines are named '" + machine + "' (" + call.operation() + "); name the machine by system id", 0);
        }
        return matches.stream().findFirst();
    }

    private static String scripts(List<String> names) {
        for (String name : names) {
            if (name == null || !SCRIPT.matcher(name).matches()) {
                throw new IllegalArgumentException("not a MAAS script name or tag: " + printable(name));
            }
        }
        return String.join(",", names);
    }

    private static String tag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("not a MAAS tag name (letters, digits, '_' and '-'): " + printable(tag));
        }
        return tag;
    }

    private static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
