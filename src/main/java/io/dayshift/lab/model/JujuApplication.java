package io.dayshift.lab.model;

import java.util.List;
import java.util.Map;

/**
 * A Juju application.
 *
 * @param canUpgradeTo    {@code ch:amd64/jammy/nova-compute-712}, {@code ""} when none
 * @param subordinateTo   principals of a subordinate application, empty for principals
 * @param workloadVersion {@code 28.0.1}
 * @param relations       endpoint → related applications
 */
public record JujuApplication(String name, String charm, String channel, int revision, String canUpgradeTo, Map<String, String> config,
                              List<String> subordinateTo, String workloadVersion, Map<String, List<String>> relations) {

    public JujuApplication {
        config = Map.copyOf(config);
        subordinateTo = List.copyOf(subordinateTo);
        relations = Map.copyOf(relations);
        canUpgradeTo = canUpgradeTo == null ? "" : canUpgradeTo;
        workloadVersion = workloadVersion == null ? "" : workloadVersion;
    }

    public boolean subordinate() {
        return !subordinateTo.isEmpty();
    }

    JujuApplication refreshed(String newChannel, int newRevision, String newVersion) {
        return new JujuApplication(name, charm, newChannel, newRevision, "", config, subordinateTo, newVersion, relations);
    }

    JujuApplication withConfig(Map<String, String> newConfig) {
        return new JujuApplication(name, charm, channel, revision, canUpgradeTo, newConfig, subordinateTo, workloadVersion, relations);
    }
}
