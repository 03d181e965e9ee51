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
 * Scenario 1, kills: one node runs {@code backup-site}, {@code drain-compute-node}, {@code add-compute-node} and
 * {@code rolling-upgrade} at once, each on a fresh site, and is killed with SIGKILL at {@value #KILLS} random points
 * (a seeded random uptime of 2 to 9 s after each start; {@code -Dreliability.seed=…} repeats a run), then started again
 * on the same database. Every run must reach its success end, and no changing action may run more often than in the
 * {@link Baseline} without kills. A second round of fresh sites starts if the first ends before the last kill.
 */
@ReliabilityScenario
class ServiceKillTest {

    private static final int KILLS = 20;
    private static final Duration RESUME_LIMIT = Duration.ofMinutes(3);
    private static final Duration FINISH_LIMIT = Duration.ofMinutes(15);
    private static final List<String> ROUNDS = List.of("kill", "kill2");

    @RegisterExtension
    static PostgresService database = new PostgresService();

    @Test
    void everyRunCompletesAfterEveryKillAndNoActionRunsMoreOftenThanWithoutKills() throws Exception {
        Map<Runbook, Counts> baseline = Baseline.counts();
        long seed = Long.getLong("reliability.seed", System.currentTimeMillis());
        System.out.println("reliability kills: seed " + seed + " (repeat with -Dreliability.seed=" + seed + ")");
        Random random = new Random(seed);
        List<Runbook> runbooks = List.of(Runbook.values());
        Figures figures = new Figures("kills");
        figures.summary("seed", seed);

        try (Drill drill = Drill.start("kills", Runbook.labSites(runbooks, ROUNDS.toArray(String[]::new)), database)) {
            RunningServiceNode node = drill.node("node-1");
            drill.people(node);
            Map<String, Runbook> runbookOf = new LinkedHashMap<>();
            Map<String, String> siteOf = new LinkedHashMap<>();
            Map<String, Instant> endedAt = new LinkedHashMap<>();
            int round = 0;
            startRound(drill, node, runbooks, ROUNDS.get(round), runbookOf, siteOf);

            Instant lastRestart = node.startedAt();
            List<Instant> restarts = new ArrayList<>();
            for (int kill = 1; kill <= KILLS; kill++) {
                // given runs in flight, after a random uptime
                long uptimeMillis = 2000 + random.nextInt(7000);
                drill.work(Duration.ofMillis(uptimeMillis));
                markEnded(drill, runbookOf.keySet(), endedAt);
                if (endedAt.size() == runbookOf.size()) {
                    assertThat(++round).as("runs of every round ended before kill %d", kill).isLessThan(ROUNDS.size());
                    startRound(drill, node, runbooks, ROUNDS.get(round), runbookOf, siteOf);
                    drill.work(Duration.ofMillis(uptimeMillis));
                }
                Map<String, List<String>> interrupted = new LinkedHashMap<>();
                Map<String, Long> stepsAtKill = new LinkedHashMap<>();
                for (String run : runbookOf.keySet()) {
                    if (!endedAt.containsKey(run)) {
                        interrupted.put(run, drill.openActivities(node, run));
                        stepsAtKill.put(run, drill.finishedSteps(node, run));
                    }
                }

                // when the node is killed and started again on the same database
                node.kill();
                Instant restarted = Instant.now();
                node.startAgain();
                Instant ready = Instant.now();
                lastRestart = restarted;
                restarts.add(restarted);

                // then every run it interrupted moves on (or ends)
                Map<String, Double> resumed = new LinkedHashMap<>();
                Instant resumeLimit = Instant.now().plus(RESUME_LIMIT);
                while (resumed.size() < stepsAtKill.size() && Instant.now().isBefore(resumeLimit)) {
                    drill.answerTasks();
                    for (var entry : stepsAtKill.entrySet()) {
                        if (!resumed.containsKey(entry.getKey()) && (drill.finishedSteps(node, entry.getKey()) > entry.getValue()
                                || Drill.ended(drill.historicRun(entry.getKey())))) {
                            resumed.put(entry.getKey(), Figures.seconds(Duration.between(restarted, Instant.now()).toMillis()));
                        }
                    }
                    Thread.sleep(200);
                }
                assertThat(resumed.keySet()).as("runs that moved on within %s of restart %d (seed %s)", RESUME_LIMIT, kill, seed)
                        .containsExactlyInAnyOrderElementsOf(stepsAtKill.keySet());
                for (var entry : interrupted.entrySet()) {
                    figures.row("kill", kill, "uptime_before_kill_s", Figures.seconds(uptimeMillis), "runbook", runbookOf.get(entry.getKey()).key(),
                            "run", entry.getKey(), "interrupted_at", String.join(" ", entry.getValue()),
                            "restart_to_ready_s", Figures.seconds(Duration.between(restarted, ready).toMillis()),
                            "restart_to_next_step_s", resumed.get(entry.getKey()), "restart_to_completion_s", "");
                }
            }

            // and after the last kill, every run reaches its success end
            Map<String, Instant> finished = drill.awaitEnded(List.copyOf(runbookOf.keySet()), FINISH_LIMIT);
            List<String> failures = new ArrayList<>();
            Map<String, Object> completion = new LinkedHashMap<>();
            for (String run : runbookOf.keySet()) {
                Runbook runbook = runbookOf.get(run);
                if (!finished.containsKey(run) || !drill.reachedSuccess(node, run, runbook)) {
                    failures.add(runbook.key() + " " + run + " on " + siteOf.get(run) + ": " + (finished.containsKey(run) ? "ended elsewhere" : drill.describe(node, run)));
                    continue;
                }
                Instant end = endedAt.getOrDefault(run, finished.get(run));
                completion.put(runbook.key() + "@" + siteOf.get(run), Figures.seconds(Duration.between(lastRestart, end).toMillis()));
            }
            // each kill's rows get the seconds from that restart to the run's completion, when no other kill came between
            finished.forEach(endedAt::putIfAbsent);
            for (var row : figures.rows()) {
                int kill = (Integer) row.get("kill");
                Instant restart = restarts.get(kill - 1);
                Instant next = kill < restarts.size() ? restarts.get(kill) : Instant.MAX;
                Instant end = endedAt.get((String) row.get("run"));
                if (end != null && !end.isBefore(restart) && end.isBefore(next)) {
                    row.put("restart_to_completion_s", Figures.seconds(Duration.between(restart, end).toMillis()));
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
            figures.summary("last_restart_to_completion_s", completion);
            figures.summary("changing_actions", totals);
            figures.summary("actions_more_often_than_without_kills", more);
            figures.summary("operator_decisions", drill.decisions);
            figures.summary("node_log", node.log().toString());
            figures.write();
            assertThat(failures).as("runs that did not reach their success end (seed %s)", seed).isEmpty();
            assertThat(more.values()).as("actions run more often than without kills (seed %s)", seed).allSatisfy(list -> assertThat((List<?>) list).isEmpty());
        }
    }

    private static void startRound(Drill drill, RunningServiceNode node, List<Runbook> runbooks, String group,
            Map<String, Runbook> runbookOf, Map<String, String> siteOf) {
        for (Runbook runbook : runbooks) {
            String run = drill.startRun(node, runbook, runbook.site(group));
            runbookOf.put(run, runbook);
            siteOf.put(run, runbook.site(group));
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
