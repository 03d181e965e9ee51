package io.dayshift.alert;

import java.time.Instant;
import java.util.Map;

/**
 * One alert of an Alertmanager notification, as far as Dayshift reads it.
 *
 * @param status      {@code firing} or {@code resolved}
 * @param fingerprint Alertmanager's identity of the label set
 * @param startsAt    when it started firing; with the fingerprint, the identity of one occurrence
 */
public record Alert(
        String status,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        String fingerprint,
        String generatorUrl) {

    public Alert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public boolean firing() {
        return "firing".equals(status);
    }

    public String alertname() {
        return labels.get("alertname");
    }

    /** The key that names this occurrence: the same alert delivered again has the same key. */
    public String dedupeKey() {
        return "alert:" + fingerprint + ":" + startsAt;
    }

    /** {@code annotations.summary}, or the alert's name. */
    public String summary() {
        String summary = annotations.get("summary");
        return summary == null || summary.isBlank() ? alertname() : summary.strip();
    }

    /**
     * A summary as a headline of at most {@code max} characters: its first line that says something, without control
     * characters, cut with "…" when longer. An alert whose summary runs to paragraphs still starts its incident.
     */
    public static String headline(String summary, int max) {
        String line = summary.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("")
                .replaceAll("\\p{Cntrl}", " ");
        return line.length() <= max ? line : line.substring(0, max - 1).stripTrailing() + "…";
    }
}
