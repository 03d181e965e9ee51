package io.dayshift.runbook.upgrade;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The release each compute host was last seen on by the run, for the summary: which hosts are on which release. */
public record HostReleases(Map<String, String> releases) {

    public HostReleases {
        releases = releases == null ? Map.of() : Map.copyOf(releases);
    }

    static HostReleases of(List<String> hosts, String release) {
        Map<String, String> map = new LinkedHashMap<>();
        hosts.forEach(h -> map.put(h, release));
        return new HostReleases(map);
    }

    HostReleases with(String host, String release) {
        Map<String, String> map = new LinkedHashMap<>(releases);
        map.put(host, release);
        return new HostReleases(map);
    }

    /** {@code 2024.1: cn01, cn02; 2023.2: cn03} (newest release first). */
    String describe() {
        Map<String, List<String>> byRelease = new TreeMap<>(java.util.Comparator.reverseOrder());
        new TreeMap<>(releases).forEach((host, release) -> byRelease.computeIfAbsent(release, r -> new java.util.ArrayList<>()).add(host));
        StringBuilder out = new StringBuilder();
        byRelease.forEach((release, hosts) -> out.append(out.isEmpty() ? "" : "; ").append(release).append(" (").append(hosts.size()).append("): ")
                .append(hosts.size() > 12 ? String.join(", ", hosts.subList(0, 12)) + ", …" : String.join(", ", hosts)));
        return out.toString();
    }
}
