package io.dayshift.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's figures: one row per event (a kill, a run, a delivery) and a summary, written to
 * {@code target/reliability/<scenario>.csv} (the rows) and {@code <scenario>.json} (the summary and the rows).
 */
final class Figures {

    static final Path DIRECTORY = Path.of("target", "reliability");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String scenario;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final Map<String, Object> summary = new LinkedHashMap<>();

    Figures(String scenario) {
        this.scenario = scenario;
    }

    /** A row: column names and values in pairs, the same columns in every row. */
    void row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put(String.valueOf(columnsAndValues[i]), columnsAndValues[i + 1]);
        }
        rows.add(row);
    }

    void summary(String name, Object value) {
        summary.put(name, value);
    }

    List<Map<String, Object>> rows() {
        return rows;
    }

    /** Writes both files, and prints the summary for the build's output. */
    void write() {
        try {
            Files.createDirectories(DIRECTORY);
            StringBuilder csv = new StringBuilder();
            if (!rows.isEmpty()) {
                csv.append(String.join(",", rows.get(0).keySet())).append('\n');
                for (Map<String, Object> row : rows) {
                    csv.append(String.join(",", row.values().stream().map(Figures::cell).toList())).append('\n');
                }
            }
            Files.writeString(DIRECTORY.resolve(scenario + ".csv"), csv);
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("scenario", scenario);
            all.put("summary", summary);
            all.put("rows", rows);
            Files.writeString(DIRECTORY.resolve(scenario + ".json"), JSON.writeValueAsString(all));
            System.out.println("reliability " + scenario + ": " + JSON.writeValueAsString(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the figures of " + scenario, e);
        }
    }

    private static String cell(Object value) {
        String text = String.valueOf(value);
        return text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** Seconds with one decimal, for the figures. */
    static double seconds(long millis) {
        return Math.round(millis / 100.0) / 10.0;
    }
}
