package io.dayshift.lab.maas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.lab.model.LabScriptResult;
import io.dayshift.lab.model.LabScriptSet;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.MaasMachine;
import io.dayshift.machine.ScriptPhase;
import io.dayshift.machine.ScriptStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lab's model as MAAS API 2.0 JSON: machines with the keys of {@code DISPLAYED_MACHINE_FIELDS}
 * ({@code src/maasserver/api/machines.py}), tags ({@code api/tags.py}), script sets ({@code api/scriptresults.py}).
 */
final class MaasJson {

    /** MAAS's API date format: {@code Tue, 07 Nov 2017 15:59:57 -0000}. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss '-0000'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final ObjectMapper json = new ObjectMapper();
    /** The API root as MAAS writes it into {@code resource_uri}: {@code /lab/maas/<site>/MAAS/api/2.0/}. */
    private final String api;

    MaasJson(String api) {
        this.api = api;
    }

    ObjectMapper mapper() {
        return json;
    }

    ObjectNode machine(LabSite site, MaasMachine m) {
        ObjectNode node = json.createObjectNode();
        Optional<LabScriptSet> commissioning = site.maas().currentScriptSet(m.systemId(), ScriptPhase.COMMISSIONING);
        Optional<LabScriptSet> testing = site.maas().currentScriptSet(m.systemId(), ScriptPhase.TESTING);
        ScriptStatus commissioningStatus = summary(commissioning);
        ScriptStatus testingStatus = summary(testing);
        String ip = m.ipAddresses().isEmpty() ? "" : m.ipAddresses().get(0);
        node.putNull("address_ttl");
        node.put("architecture", "amd64/generic");
        node.putArray("bcaches");
        node.put("bios_boot_method", "uefi");
        ObjectNode disk = disk(m);
        node.putArray("blockdevice_set").add(disk);
        node.set("boot_disk", disk.deepCopy());
        ObjectNode nic = nic(m, ip);
        node.set("boot_interface", nic);
        node.putArray("cache_sets");
        status(node, "commissioning_status", commissioningStatus);
        node.putObject("constraints_by_type");
        node.put("cpu_count", m.cpuCount());
        node.put("cpu_speed", 2400);
        status(node, "cpu_test_status", ScriptStatus.UNKNOWN);
        setId(node, "current_commissioning_result_id", commissioning);
        node.putNull("current_installation_result_id");
        setId(node, "current_testing_result_id", testing);
        ObjectNode gateways = node.putObject("default_gateways");
        gateways.putObject("ipv4").put("gateway_ip", gateway(ip)).putNull("link_id");
        gateways.putObject("ipv6").putNull("gateway_ip").putNull("link_id");
        node.put("description", "");
        node.put("disable_ipv4", false);
        node.put("distro_series", m.distroSeries());
        ObjectNode domain = node.putObject("domain");
        domain.put("authoritative", true).put("id", 0).put("is_default", true).put("name", "maas").put("resource_record_count", 0)
                .put("resource_uri", api + "domains/0/").putNull("ttl");
        node.put("error_description", site.maas().errorDescription(m.systemId()));
        node.put("fqdn", m.hostname() + ".maas");
        ObjectNode hardware = node.putObject("hardware_info");
        hardware.put("cpu_model", "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz").put("mainboard_firmware_date", "03/15/2023")
                .put("mainboard_firmware_version", "2.17.1").put("mainboard_product", "0X8DXD").put("mainboard_vendor", "Dell Inc.")
                .put("system_product", "PowerEdge R650").put("system_serial", m.systemId().toUpperCase(Locale.ROOT))
                .put("system_vendor", "Dell Inc.").put("system_version", "Not Specified");
        node.put("hostname", m.hostname());
        if (m.distroSeries().isEmpty()) {
            node.putNull("hwe_kernel");
        } else {
            node.put("hwe_kernel", "ga-22.04");
        }
        node.putArray("interface_set").add(nic.deepCopy());
        status(node, "interface_test_status", ScriptStatus.UNKNOWN);
        ArrayNode ips = node.putArray("ip_addresses");
        m.ipAddresses().forEach(ips::add);
        node.put("locked", false);
        node.put("memory", m.memoryMib());
        status(node, "memory_test_status", ScriptStatus.UNKNOWN);
        node.putNull("min_hwe_kernel");
        node.put("netboot", !m.distroSeries().isEmpty() ? false : true);
        node.put("node_type", 0);
        node.put("node_type_name", "Machine");
        node.put("osystem", m.distroSeries().isEmpty() ? "" : "ubuntu");
        status(node, "other_test_status", ScriptStatus.UNKNOWN);
        if (m.owner().isEmpty()) {
            node.putNull("owner");
        } else {
            node.put("owner", m.owner());
        }
        node.putObject("owner_data");
        node.putArray("physicalblockdevice_set").add(disk.deepCopy());
        ObjectNode pool = node.putObject("pool");
        pool.put("description", "Default pool").put("id", 0).put("name", m.pool()).put("resource_uri", api + "resourcepool/0/");
        node.put("power_state", m.powerState().name().toLowerCase(Locale.ROOT));
        node.put("power_type", "ipmi");
        node.putArray("raids");
        node.put("resource_uri", api + "machines/" + m.systemId() + "/");
        node.putArray("special_filesystems");
        node.put("status", m.status().code());
        node.put("status_action", "");
        node.put("status_message", m.statusMessage());
        node.put("status_name", m.status().label());
        node.put("storage", (double) m.storageMb());
        status(node, "storage_test_status", testingStatus);
        node.putNull("swap_size");
        node.put("system_id", m.systemId());
        ArrayNode tags = node.putArray("tag_names");
        m.tags().forEach(tags::add);
        status(node, "testing_status", testingStatus);
        node.putArray("virtualblockdevice_set");
        node.putArray("volume_groups");
        ObjectNode zone = node.putObject("zone");
        zone.put("description", "").put("id", Math.abs(m.zone().hashCode() % 1000)).put("name", m.zone())
                .put("resource_uri", api + "zones/" + m.zone() + "/");
        return node;
    }

    ObjectNode tag(String name, String comment) {
        ObjectNode tag = json.createObjectNode();
        tag.put("name", name);
        tag.put("definition", "");
        tag.put("comment", comment);
        tag.put("kernel_opts", "");
        tag.put("resource_uri", api + "tags/" + name + "/");
        return tag;
    }

    ObjectNode scriptSet(LabScriptSet set, boolean includeOutput) {
        ObjectNode node = json.createObjectNode();
        List<LabScriptResult> results = set.results();
        Instant started = results.stream().map(LabScriptResult::started).filter(i -> i != null).min(Instant::compareTo).orElse(null);
        boolean running = results.stream().anyMatch(r -> r.ended() == null);
        Instant ended = running ? null : results.stream().map(LabScriptResult::ended).filter(i -> i != null).max(Instant::compareTo).orElse(null);
        date(node, "ended", ended);
        node.put("id", set.id());
        node.putNull("last_ping");
        node.put("resource_uri", api + "nodes/" + set.systemId() + "/results/" + set.id() + "/");
        ArrayNode array = node.putArray("results");
        for (LabScriptResult r : results) {
            array.add(result(r, includeOutput));
        }
        node.put("runtime", runtime(started, ended));
        date(node, "started", started);
        ScriptStatus status = summary(Optional.of(set));
        node.put("status", status.code());
        node.put("status_name", status.label());
        node.put("system_id", set.systemId());
        node.put("type", set.phase() == ScriptPhase.COMMISSIONING ? 0 : 2);
        node.put("type_name", set.phase() == ScriptPhase.COMMISSIONING ? "Commissioning" : "Testing");
        return node;
    }

    private ObjectNode result(LabScriptResult r, boolean includeOutput) {
        ObjectNode node = json.createObjectNode();
        date(node, "created", r.started());
        date(node, "ended", r.ended());
        if (r.ended() == null) {
            node.putNull("endtime");
        } else {
            node.put("endtime", r.ended().getEpochSecond());
        }
        node.put("estimated_runtime", runtime(r.started(), r.ended() == null ? r.started() : r.ended()));
        if (r.exitStatus() < 0) {
            node.putNull("exit_status");
        } else {
            node.put("exit_status", r.exitStatus());
        }
        node.put("id", r.id());
        node.put("name", r.name());
        node.putObject("parameters");
        node.put("runtime", runtime(r.started(), r.ended()));
        node.putNull("script_id");
        node.putNull("script_revision_id");
        date(node, "started", r.started());
        if (r.started() == null) {
            node.putNull("starttime");
        } else {
            node.put("starttime", r.started().getEpochSecond());
        }
        node.put("status", r.status().code());
        node.put("status_name", r.status().label());
        node.put("suppressed", false);
        date(node, "updated", r.ended() != null ? r.ended() : r.started());
        if (includeOutput) {
            String output = Base64.getEncoder().encodeToString(r.output().getBytes(StandardCharsets.UTF_8));
            node.put("output", output);
            node.put("stdout", output);
            node.put("stderr", "");
            node.put("result", "");
        }
        return node;
    }

    /**
     * A run's status as MAAS sums it up ({@code maasserver.models.scriptresult} {@code get_status_from_qs}): running before
     * pending before failed before aborted before degraded, else passed; {@code Unknown} without a run.
     */
    static ScriptStatus summary(Optional<LabScriptSet> set) {
        if (set.isEmpty() || set.get().results().isEmpty()) {
            return ScriptStatus.UNKNOWN;
        }
        List<ScriptStatus> statuses = set.get().results().stream().map(LabScriptResult::status).toList();
        for (ScriptStatus status : List.of(ScriptStatus.RUNNING, ScriptStatus.INSTALLING, ScriptStatus.APPLYING_NETCONF, ScriptStatus.PENDING,
                ScriptStatus.FAILED, ScriptStatus.TIMEDOUT, ScriptStatus.FAILED_INSTALLING, ScriptStatus.FAILED_APPLYING_NETCONF,
                ScriptStatus.ABORTED, ScriptStatus.DEGRADED)) {
            if (statuses.contains(status)) {
                return status;
            }
        }
        return ScriptStatus.PASSED;
    }

    private static void status(ObjectNode node, String field, ScriptStatus status) {
        node.put(field, status.code());
        node.put(field + "_name", status.label());
    }

    private static void setId(ObjectNode node, String field, Optional<LabScriptSet> set) {
        if (set.isPresent()) {
            node.put(field, set.get().id());
        } else {
            node.putNull(field);
        }
    }

    private static void date(ObjectNode node, String field, Instant instant) {
        if (instant == null) {
            node.putNull(field);
        } else {
            node.put(field, DATE.format(instant));
        }
    }

    /** {@code H:MM:SS}, as Python prints a timedelta; {@code 0:00:00} when it has not run. */
    private static String runtime(Instant from, Instant to) {
        if (from == null || to == null) {
            return "0:00:00";
        }
        long s = Math.max(0, Duration.between(from, to).toSeconds());
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private ObjectNode disk(MaasMachine m) {
        ObjectNode disk = json.createObjectNode();
        disk.put("available_size", 0).put("block_size", 512).putNull("filesystem").put("firmware_version", "DL63").put("id", 1)
                .put("id_path", "/dev/disk/by-id/wwn-0x5000c500" + m.systemId()).put("model", "MZ7LH1T9HMLT").put("name", "sda")
                .put("partition_table_type", "GPT").put("path", "/dev/disk/by-dname/sda").put("serial", m.systemId().toUpperCase(Locale.ROOT))
                .put("size", m.storageMb() * 1_000_000L).put("type", "physical").put("used_for", "GPT partitioned with 2 partitions")
                .put("resource_uri", api + "nodes/" + m.systemId() + "/blockdevices/1/");
        disk.putArray("partitions");
        disk.putArray("tags").add("ssd");
        return disk;
    }

    private ObjectNode nic(MaasMachine m, String ip) {
        ObjectNode nic = json.createObjectNode();
        nic.putArray("children");
        nic.putNull("discovered");
        nic.put("effective_mtu", 1500).put("enabled", true).putNull("firmware_version").put("id", 1).put("interface_speed", 10000)
                .put("link_connected", true).put("link_speed", 10000);
        ArrayNode links = nic.putArray("links");
        if (!ip.isEmpty()) {
            ObjectNode link = links.addObject();
            link.put("id", 1).put("mode", "auto").put("ip_address", ip);
            link.putObject("subnet").put("cidr", cidr(ip)).put("gateway_ip", gateway(ip)).put("name", cidr(ip)).put("space", "undefined");
        }
        int h = Math.abs(m.systemId().hashCode());
        nic.put("mac_address", String.format(Locale.ROOT, "52:54:00:%02x:%02x:%02x", h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff));
        nic.put("name", "eno1").put("params", "");
        nic.putArray("parents");
        nic.putNull("product");
        nic.put("resource_uri", api + "nodes/" + m.systemId() + "/interfaces/1/");
        nic.put("system_id", m.systemId());
        nic.putArray("tags");
        nic.put("type", "physical");
        nic.putNull("vendor");
        nic.putObject("vlan").put("fabric", "fabric-0").put("mtu", 1500).put("name", "untagged").put("vid", 0);
        return nic;
    }

    private static String cidr(String ip) {
        int dot = ip.lastIndexOf('.');
        return dot < 0 ? "" : ip.substring(0, dot) + ".0/24";
    }

    private static String gateway(String ip) {
        int dot = ip.lastIndexOf('.');
        return dot < 0 ? null : ip.substring(0, dot) + ".1";
    }
}
