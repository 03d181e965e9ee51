package io.dayshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.testing.PostgresService;
import io.dayshift.testing.RunningServiceNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 1, kills: one node runs {@code rolling-upgrade} on one site and, in waves, {@code backup-site},
 * {@code drain-compute-node} and {@code add-compute-node} each on a fresh site of its own (a new wave as soon as the
 * previous one has ended), and is killed with SIGKILL at {@value #KILLS} random points (a seeded random uptime of 2 to
 * 9 s after each start; {@code -Dreliability.seed=…} repeats a run), then started again on the same database. Every run
 * must reach its success end, and no changing action may run more often on its site than in the {@link Baseline}
 * without kills. Per kill and interrupted run the figures hold the seconds from the restart to the run's next finished
 * step and, when no other kill came first, to its completion.
 */
@ReliabilityScenario
class ServiceKillTest {

    private static final int KILLS = 20;
    private static final int WAVES = 8;
    private static final Duration RESUME_LIMIT = Duration.ofMinutes(3);
    private static final Duration FINISH_LIMIT = Duration.ofMinutes(15);
    private static final List<Runbook> IN_WAVES = List.of(Runbook.BACKUP_SITE, Runbook.DRAIN_COMPUTE_NODE, Runbook.ADD_COMPUTE_NODE);

    @RegisterExtension
    static PostgresService database = new PostgresService();

    @Test
    void everyRunCompletesAfterEveryKillAndNoActionRunsMoreOftenThanWithoutKills() throws Exception {
        Map<Runbook, Counts> baseline = Baseline.counts();
        long seed = Long.getLong("reliability.seed", System.currentTimeMillis());
        System.out.println("reliability kills: seed " + seed + " (repeat with -Dreliability.seed=" + seed + ")");
        Random random = new Random(seed);
        Figures figures = new Figures("kills");
        figures.summary("seed", seed);
        String[] waves = new String[WAVES];
        for (int wave = 0; wave < WAVES; wave++) {
            waves[wave] = "w" + (wave + 1);
        }
        String sites = Runbook.labSites(List.of(Runbook.ROLLING_UPGRADE), "kill") + "," + Runbook.labSites(IN_WAVES, waves);

        try (Drill drill = Drill.start("kills", sites, database)) {
            RunningServiceNode node = drill.node("node-1");
            drill.people(node);
            Map<String, Runbook> runbookOf = new LinkedHashMap<>();
            Map<String, String> siteOf = new LinkedHashMap<>();
            Map<String, Instant> endedAt = new LinkedHashMap<>();
            start(drill, node, Runbook.ROLLING_UPGRADE, "kill", runbookOf, siteOf);
            int wave = 0;
            List<String> waveRuns = new ArrayList<>();
            for (Runbook runbook : IN_WAVES) {
                waveRuns.add(start(drill, node, runbook, waves[wave], runbookOf, siteOf));
            }

            List<Instant> restarts = new ArrayList<>();
            for (int kill = 1; kill <= KILLS; kill++) {
                // given runs in flight, after a random uptime (a new wave once the last one has ended)
                long uptimeMillis = 2000 + random.nextInt(7000);
                watch(drill, Duration.ofMillis(uptimeMillis), runbookOf.keySet(), endedAt);
                if (endedAt.keySet().containsAll(waveRuns) && wave + 1 < WAVES) {
                    wave++;
                    waveRuns.clear();
                    for (Runbook runbook : IN_WAVES) {
                        waveRuns.add(start(drill, node, runbook, waves[wave], runbookOf, siteOf));
                    }
                    watch(drill, Duration.ofMillis(uptimeMillis), runbookOf.keySet(), endedAt);
                }
                Map<String, List<String>> interrupted = new LinkedHashMap<>();
                Map<String, List<String>> openParts = new LinkedHashMap<>();
                for (String run : runbookOf.keySet()) {
                    if (!endedAt.containsKey(run)) {
                        openParts.put(run, drill.openParts(node, run));
                        interrupted.put(run, drill.openActivities(node, openParts.get(run)));
                    }
                }
                assertThat(interrupted).as("runs in flight at kill %d", kill).isNotEmpty();

                // when the node is killed and started again on the same database
                node.kill();
                Instant restarted = Instant.now();
                restarts.add(restarted);
                node.startAgain();
                Instant ready = Instant.now();

                // then every run it interrupted moves on (or ends)
                Map<String, Double> resumed = new LinkedHashMap<>();
                Instant resumeLimit = Instant.now().plus(RESUME_LIMIT);
                while (resumed.size() < openParts.size() && Instant.now().isBefore(resumeLimit)) {
                    drill.answerTasks();
                    markEnded(drill, openParts.keySet(), endedAt);
                    for (var entry : openParts.entrySet()) {
                        if (!resumed.containsKey(entry.getKey()) && (endedAt.containsKey(entry.getKey())
                                || drill.movedOn(node, entry.getValue(), restarted))) {
                            resumed.put(entry.getKey(), Figures.seconds(Duration.between(restarted, Instant.now()).toMillis()));
                        }
                    }
                    Thread.sleep(200);
                }
                for (var entry : interrupted.entrySet()) {
                    figures.row("kill", kill, "uptime_before_kill_s", Figures.seconds(uptimeMillis), "runbook", runbookOf.get(entry.getKey()).key(),
                            "site", siteOf.get(entry.getKey()), "run", entry.getKey(), "interrupted_at", String.join(" ", entry.getValue()),
                            "restart_to_ready_s", Figures.seconds(Duration.between(restarted, ready).toMillis()),
                            "restart_to_next_step_s", resumed.getOrDefault(entry.getKey(), -1.0), "restart_to_completion_s", "");
                }
                assertThat(resumed.keySet()).as("runs that moved on within %s of restart %d (seed %s)", RESUME_LIMIT, kill, seed)
                        .containsExactlyInAnyOrderElementsOf(openParts.keySet());
            }

            // and after the last kill, every run reaches its success end
            Map<String, Instant> finished = drill.awaitEnded(runbookOf.keySet().stream().filter(run -> !endedAt.containsKey(run)).toList(), FINISH_LIMIT);
            finished.forEach(endedAt::putIfAbsent);
            List<String> failures = new ArrayList<>();
            for (String run : runbookOf.keySet()) {
                Runbook runbook = runbookOf.get(run);
                if (!endedAt.containsKey(run) || !drill.reachedSuccess(node, run, runbook)) {
                    failures.add(runbook.key() + " " + run + " on " + siteOf.get(run) + ": " + (endedAt.containsKey(run) ? "ended elsewhere" : drill.describe(node, run)));
                }
            }
            // each kill's rows get the seconds from that restart to the run's completion, when no other kill came between
            List<Double> completions = new ArrayList<>();
            for (var row : figures.rows()) {
                int kill = (Integer) row.get("kill");
                Instant restart = restarts.get(kill - 1);
                Instant next = kill < restarts.size() ? restarts.get(kill) : Instant.MAX;
                Instant end = endedAt.get((String) row.get("run"));
                if (end != null && !end.isBefore(restart) && end.isBefore(next)) {
                    double seconds = Figures.seconds(Duration.between(restart, end).toMillis());
                    row.put("restart_to_completion_s", seconds);
                    completions.add(seconds);
                }
            }

            // and no changing action ran more often than without kills
            var all = drill.counts();
            Map<String, Object> more = new LinkedHashMap<>();
            Map<String, Object> totals = new LinkedHashMap<>();
            for (String run : runbookOf.keySet()) {
                Runbook runbook = runbookOf.get(run);
                Counts counted = Counts.of(all, siteOf.get(run));
                more.put(siteOf.get(run), counted.moreThan(baseline.get(runbook)));
                totals.put(siteOf.get(run), counted.total() + " (without kills: " + baseline.get(runbook).total() + ")");
            }
            figures.summary("kills", KILLS);
            figures.summary("runs", runbookOf.size());
            figures.summary("runs_reaching_success", runbookOf.size() - failures.size());
            figures.summary("restart_to_ready_s", figures.rows().stream().map(row -> (Double) row.get("restart_to_ready_s")).distinct().sorted().toList());
            figures.summary("restart_to_completion_s", completions);
            figures.summary("changing_actions", totals);
            figures.summary("actions_more_often_than_without_kills", more);
            figures.summary("operator_decisions", drill.decisions);
            figures.write();
            assertThat(failures).as("runs that did not reach their success end (seed %s)", seed).isEmpty();
            assertThat(more.values()).as("actions run more often than without kills (seed %s)", seed).allSatisfy(list -> assertThat((List<?>) list).isEmpty());
        }
    }

    private static String start(Drill drill, RunningServiceNode node, Runbook runbook, String group, Map<String, Runbook> runbookOf, Map<String, String> siteOf) {
        String run = drill.startRun(node, runbook, runbook.site(group));
        runbookOf.put(run, runbook);
        siteOf.put(run, runbook.site(group));
        return run;
    }

    /** Answers the people's tasks and notes when runs end, for {@code duration}. */
    private static void watch(Drill drill, Duration duration, Iterable<String> runs, Map<String, Instant> endedAt) throws InterruptedException {
        Instant until = Instant.now().plus(duration);
        while (Instant.now().isBefore(until)) {
            drill.answerTasks();
            markEnded(drill, runs, endedAt);
            Thread.sleep(Math.max(0, Math.min(300, Duration.between(Instant.now(), until).toMillis())));
        }
    }

    private static void markEnded(Drill drill, Iterable<String> runs, Map<String, Instant> endedAt) {
        for (String run : runs) {
            if (!endedAt.containsKey(run) && Drill.ended(drill.historicRun(run))) {
                endedAt.put(run, Instant.now());
            }
        }
    }
}
