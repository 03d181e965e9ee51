package io.dayshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.testing.PostgresService;
import io.dayshift.testing.RunningServiceNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 3, database outage: one node runs the four runbooks at once; in the middle of the runs PostgreSQL is stopped for
 * {@value #OUTAGE_SECONDS} s, then started on the same data directory and port. No node is restarted: every run must go
 * on by itself, reach its success end, and no changing action may run more often than in the {@link Baseline}.
 */
@ReliabilityScenario
class DatabaseOutageTest {

    static final int OUTAGE_SECONDS = 60;
    private static final Duration FINISH_LIMIT = Duration.ofMinutes(15);
    /** How long the suite waits while no run moves on or ends, once the database is back. */
    private static final Duration STALL_LIMIT = Duration.ofMinutes(4);

    @RegisterExtension
    static PostgresService database = PostgresService.restartable();

    @Test
    void runsGoOnAfterTheDatabaseComesBackWithoutRestartingAnyNode() throws Exception {
        Map<Runbook, Counts> baseline = Baseline.counts();
        List<Runbook> runbooks = List.of(Runbook.values());
        Figures figures = new Figures("outage");
        try (Drill drill = Drill.start("outage", Runbook.labSites(runbooks, "outage"), database)) {
            RunningServiceNode node = drill.node("node-1");
            Instant nodeStarted = node.startedAt();
            drill.people(node);
            Map<String, Runbook> runbookOf = new LinkedHashMap<>();
            for (Runbook runbook : runbooks) {
                runbookOf.put(drill.startRun(node, runbook, runbook.site("outage")), runbook);
            }

            // given the runs in the middle of their steps
            drill.work(Duration.ofSeconds(8));
            List<String> endedBeforeStop = new ArrayList<>();
            Map<String, List<String>> partsAtStop = new LinkedHashMap<>();
            Map<String, List<String>> openAtStop = new LinkedHashMap<>();
            for (String run : runbookOf.keySet()) {
                if (Drill.ended(drill.historicRun(run))) {
                    endedBeforeStop.add(run);
                }
                partsAtStop.put(run, drill.openParts(node, run));
                openAtStop.put(run, drill.openActivities(node, partsAtStop.get(run)));
            }

            // when PostgreSQL stops for a minute and starts again on the same data
            database.stop();
            Instant stopped = Instant.now();
            drill.work(Duration.ofSeconds(OUTAGE_SECONDS));
            database.startAgain();
            Instant started = Instant.now();

            // then, the node never restarted, every run moves on and reaches its success end
            Map<String, Instant> resumed = new LinkedHashMap<>();
            Map<String, Instant> endedAt = new LinkedHashMap<>();
            Instant limit = started.plus(FINISH_LIMIT);
            Instant lastChange = started;
            while (endedAt.size() < runbookOf.size() && Instant.now().isBefore(limit) && Instant.now().isBefore(lastChange.plus(STALL_LIMIT))) {
                int before = resumed.size() + endedAt.size();
                drill.answerTasks();
                for (String run : runbookOf.keySet()) {
                    boolean ended = Drill.ended(drill.historicRun(run));
                    if (!resumed.containsKey(run) && (ended || drill.movedOn(node, partsAtStop.get(run), started))) {
                        resumed.put(run, Instant.now());
                    }
                    if (ended && !endedAt.containsKey(run)) {
                        endedAt.put(run, Instant.now());
                    }
                }
                if (resumed.size() + endedAt.size() > before) {
                    lastChange = Instant.now();
                }
                Thread.sleep(500);
            }
            assertThat(node.alive() && node.startedAt().equals(nodeStarted)).as("node-1 ran through the outage without a restart").isTrue();

            List<String> failures = new ArrayList<>();
            var all = drill.counts();
            Map<String, Object> more = new LinkedHashMap<>();
            for (var entry : runbookOf.entrySet()) {
                String run = entry.getKey();
                Runbook runbook = entry.getValue();
                boolean success = endedAt.containsKey(run) && drill.reachedSuccess(node, run, runbook);
                if (!success) {
                    failures.add(runbook.key() + " " + run + ": " + drill.describe(node, run) + "\njob locks: " + jobLocks(run));
                }
                Counts counted = Counts.of(all, runbook.site("outage"));
                more.put(runbook.site("outage"), counted.moreThan(baseline.get(runbook)));
                figures.row("runbook", runbook.key(), "run", run, "at_stop", endedBeforeStop.contains(run) ? "(ended before)" : String.join(" ", openAtStop.get(run)), "success", success,
                        "db_start_to_next_step_s", resumed.containsKey(run) ? Figures.seconds(Duration.between(started, resumed.get(run)).toMillis()) : "",
                        "db_start_to_completion_s", endedAt.containsKey(run) ? Figures.seconds(Duration.between(started, endedAt.get(run)).toMillis()) : "",
                        "changing_actions", counted.total(), "without_faults", baseline.get(runbook).total());
            }
            figures.summary("stuck_job_locks", failures.isEmpty() ? List.of() : runbookOf.keySet().stream().filter(run -> !endedAt.containsKey(run)).map(DatabaseOutageTest::jobLocks).toList());
            figures.summary("outage_s", Figures.seconds(Duration.between(stopped, started).toMillis()));
            figures.summary("runs", runbookOf.size());
            figures.summary("runs_reaching_success", runbookOf.size() - failures.size());
            figures.summary("actions_more_often_than_without_faults", more);
            figures.summary("operator_decisions", drill.decisions);
            figures.summary("node_log", node.log().toString());
            figures.write();
            assertThat(failures).as("runs lost or stuck after the outage").isEmpty();
            assertThat(more.values()).as("steps doubled by the outage").allSatisfy(list -> assertThat((List<?>) list).isEmpty());
        }
    }

    /** The run's jobs as the database holds them: id, type, lock owner, lock expiry and retries. */
    private static String jobLocks(String run) {
        List<String> jobs = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT id_, handler_type_, lock_owner_, lock_exp_time_, retries_ FROM act_ru_job "
                        + "WHERE root_proc_inst_id_ = ? OR process_instance_id_ = ?")) {
            query.setString(1, run);
            query.setString(2, run);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    jobs.add(rows.getString(1) + " " + rows.getString(2) + " locked by " + rows.getString(3) + " until " + rows.getTimestamp(4)
                            + ", retries " + rows.getInt(5));
                }
            }
        } catch (SQLException e) {
            jobs.add("(cannot read: " + e.getMessage() + ")");
        }
        return run + ": " + jobs;
    }
}
