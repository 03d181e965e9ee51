package io.dayshift.runbook.healthcheck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** For each key container, the nodes it runs on (name → host names), as a JSON process variable. */
public record KeyContainerHosts(Map<String, List<String>> byContainer) {

    public KeyContainerHosts {
        byContainer = byContainer == null ? Map.of() : new LinkedHashMap<>(byContainer);
    }
}
