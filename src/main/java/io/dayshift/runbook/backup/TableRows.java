package io.dayshift.runbook.backup;

import java.util.Map;
import java.util.TreeMap;

/** Row counts of the key tables ({@code nova.instances} → 42), as one JSON value. */
public record TableRows(Map<String, Long> rows) {

    public TableRows {
        rows = rows == null ? Map.of() : new TreeMap<>(rows);
    }

    public static TableRows none() {
        return new TableRows(Map.of());
    }
}
