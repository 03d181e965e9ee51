package io.dayshift.reliability;

import io.dayshift.runbook.addcompute.AddComputeNode;
import io.dayshift.runbook.backup.BackupSite;
import io.dayshift.runbook.drain.DrainComputeNode;
import io.dayshift.runbook.upgrade.RollingUpgrade;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * A runbook as the suite runs it on a fresh site of the lab's {@code lab/small-kolla.yaml}: its process key, the start
 * form's fields an ops lead fills in, and the end event of its success.
 */
enum Runbook {

    BACKUP_SITE("backup-site", BackupSite.Elements.SITE_BACKED_UP_END,
            site -> "{\"site\":{\"value\":\"" + site + "\"},\"scope\":{\"value\":\"full\"}}"),
    DRAIN_COMPUTE_NODE("drain-compute-node", DrainComputeNode.Elements.END_HOST_DRAINED,
            site -> "{\"site\":{\"value\":\"" + site + "\"},\"host\":{\"value\":\"cn01\"},\"reason\":{\"value\":\"firmware update, OPS-4711\"}}"),
    ADD_COMPUTE_NODE("add-compute-node", AddComputeNode.Elements.COMPUTE_NODE_ADDED_END,
            site -> "{\"site\":{\"value\":\"" + site + "\"},\"machine\":{\"value\":\"spare01\"},\"availabilityZone\":{\"value\":\"az1\"}}"),
    ROLLING_UPGRADE("rolling-upgrade", RollingUpgrade.Elements.END_SITE_UPGRADED, site -> {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return "{\"site\":{\"value\":\"" + site + "\"},\"targetRelease\":{\"value\":\"2024.1\"},\"batchSize\":{\"value\":1,\"type\":\"Long\"},"
                + "\"windowStart\":{\"value\":\"" + now.minusMinutes(1) + "\"},\"windowEnd\":{\"value\":\"" + now.plusHours(8) + "\"},"
                + "\"canaryHost\":{\"value\":\"cn06\"}}";
    });

    /** The topology every site of the suite starts from. */
    static final String TOPOLOGY = "lab/small-kolla.yaml";

    private final String key;
    private final String successEnd;
    private final Function<String, String> variables;

    Runbook(String key, String successEnd, Function<String, String> variables) {
        this.key = key;
        this.successEnd = successEnd;
        this.variables = variables;
    }

    String key() {
        return key;
    }

    String successEnd() {
        return successEnd;
    }

    /** The body of {@code POST /engine-rest/process-definition/key/<key>/start} on {@code site}. */
    String startBody(String site) {
        return "{\"variables\":" + variables.apply(site) + "}";
    }

    /** The name of this runbook's site in a group of sites ({@code kill-drain-compute-node}). */
    String site(String group) {
        return group + "-" + key;
    }

    /** The lab's {@code --sites} value for the given groups, one fresh site per runbook and group. */
    static String labSites(List<Runbook> runbooks, String... groups) {
        StringBuilder sites = new StringBuilder();
        for (String group : groups) {
            for (Runbook runbook : runbooks) {
                sites.append(sites.isEmpty() ? "" : ",").append(runbook.site(group)).append('=').append(TOPOLOGY);
            }
        }
        return sites.toString();
    }
}
