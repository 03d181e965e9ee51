package io.dayshift.runbook.sev1;

import java.util.List;

/**
 * The instances evacuated from a fenced host ({@code evacuations}).
 *
 * @param host the failed host
 */
public record Evacuations(String host, List<Evacuation> instances) {

    public Evacuations {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    /**
     * @param status   {@code evacuating}, {@code evacuated}, {@code failed}
     * @param destHost where Nova rebuilt it, once known; empty before
     */
    public record Evacuation(String serverId, String name, String status, String destHost, String detail) {
    }

    long count(String status) {
        return instances.stream().filter(e -> e.status().equals(status)).count();
    }

    /** One line per instance: name, status and what Nova shows. */
    String describe() {
        return String.join("\n", instances.stream().map(e -> e.name() + ": " + e.status() + " " + e.detail()).toList());
    }

    boolean settled() {
        return instances.stream().noneMatch(e -> e.status().equals(EVACUATING));
    }

    static final String EVACUATING = "evacuating";
    static final String EVACUATED = "evacuated";
    static final String FAILED = "failed";
}
