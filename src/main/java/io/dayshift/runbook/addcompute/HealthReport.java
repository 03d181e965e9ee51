package io.dayshift.runbook.addcompute;

import io.dayshift.runbook.healthcheck.Finding;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** The health check's findings ({@code site-health-check}'s {@code findings}: a list of {@link Finding}s) as lines of text. */
final class HealthReport {

    private HealthReport() {
    }

    static String of(String health, String summary, Object findings) {
        StringBuilder out = new StringBuilder("Site health: " + health);
        if (summary != null && !summary.isBlank()) {
            out.append(". ").append(summary.strip());
        }
        String lines = lines(findings);
        if (!lines.isBlank()) {
            out.append("\n").append(lines);
        }
        return out.toString();
    }

    private static String lines(Object findings) {
        if (findings == null) {
            return "";
        }
        if (findings instanceof Collection<?> items) {
            return items.stream().map(i -> "- " + line(i)).collect(Collectors.joining("\n"));
        }
        if (findings instanceof Map<?, ?> map && map.size() == 1 && map.values().iterator().next() instanceof Collection<?> items) {
            return lines(items);
        }
        return String.valueOf(findings);
    }

    private static String line(Object finding) {
        if (finding instanceof Finding f) {
            return f.health() + " " + f.check() + ": " + f.subject() + " " + f.message();
        }
        if (finding instanceof Map<?, ?> map) {
            return map.values().stream().map(String::valueOf).collect(Collectors.joining(" | "));
        }
        return String.valueOf(finding);
    }
}
