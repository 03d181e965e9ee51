package io.dayshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.testing.PostgresService;
import io.dayshift.testing.RunningServiceNode;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each runbook changes when nothing goes wrong: one run of each on a fresh site of its own, one node, no faults, the
 * lab's counts taken afterwards. Every scenario compares its sites' counts with these. Made once per test JVM (the suite's
 * classes share it) and written to {@code target/reliability/baseline.csv|json}.
 */
final class Baseline {

    private static final Duration LIMIT = Duration.ofMinutes(12);
    private static Map<Runbook, Counts> counts;

    private Baseline() {
    }

    static synchronized Map<Runbook, Counts> counts() throws Exception {
        if (counts == null) {
            counts = run();
        }
        return counts;
    }

    private static Map<Runbook, Counts> run() throws Exception {
        PostgresService database = new PostgresService();
        database.beforeAll(null);
        List<Runbook> runbooks = List.of(Runbook.values());
        try (Drill drill = Drill.start("baseline", Runbook.labSites(runbooks, "base"), database)) {
            RunningServiceNode node = drill.node("baseline-node");
            drill.people(node);
            Map<Runbook, String> runs = new EnumMap<>(Runbook.class);
            Instant started = Instant.now();
            for (Runbook runbook : runbooks) {
                runs.put(runbook, drill.startRun(node, runbook, runbook.site("base")));
            }
            Map<String, Instant> ended = drill.awaitEnded(List.copyOf(runs.values()), LIMIT);
            Figures figures = new Figures("baseline");
            Map<Runbook, Counts> result = new EnumMap<>(Runbook.class);
            var all = drill.counts();
            for (Runbook runbook : runbooks) {
                String id = runs.get(runbook);
                assertThat(ended).as("baseline %s did not end: %s", runbook.key(), ended.containsKey(id) ? "" : drill.describe(node, id)).containsKey(id);
                assertThat(drill.reachedSuccess(node, id, runbook)).as("baseline %s reached %s", runbook.key(), runbook.successEnd()).isTrue();
                Counts counted = Counts.of(all, runbook.site("base"));
                result.put(runbook, counted);
                figures.row("runbook", runbook.key(), "run", id, "seconds", Figures.seconds(Duration.between(started, ended.get(id)).toMillis()),
                        "changing_actions", counted.total());
            }
            Map<String, Object> byRunbook = new LinkedHashMap<>();
            result.forEach((runbook, counted) -> byRunbook.put(runbook.key(), counted.byAction()));
            figures.summary("counts", byRunbook);
            figures.summary("operator_decisions", drill.decisions);
            figures.write();
            return result;
        } finally {
            database.afterAll(null);
        }
    }
}
