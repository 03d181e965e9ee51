package io.dayshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.testing.PostgresService;
import io.dayshift.testing.RunningServiceNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 2, takeover: two nodes on one PostgreSQL run the four runbooks at once; node-1 is killed with SIGKILL while it
 * holds job locks and never comes back. Every run must reach its success end on node-2, and no changing action may run
 * more often than in the {@link Baseline}. The takeover is bounded by the job lock time, set here to
 * {@value #LOCK_MILLIS} ms, the shortest the service accepts: its start refuses a lock less than 5 minutes above the longest
 * blocking adapter call (Juju's action timeout plus a minute), so the suite shortens those calls too.
 */
@ReliabilityScenario
class NodeTakeoverTest {

    static final long LOCK_MILLIS = 400_000;
    /** The job lock and the adapter calls it must outlast, short for the suite (production keeps one hour). */
    static final List<String> SHORT_LOCK = List.of(
            "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_MILLIS,
            "--dayshift.adapters.juju.status-timeout=20s",
            "--dayshift.adapters.juju.command-timeout=30s",
            "--dayshift.adapters.juju.action-timeout=30s",
            "--dayshift.adapters.juju.backup-timeout=30s",
            "--dayshift.adapters.ceph.command-timeout=30s",
            "--dayshift.adapters.kolla.file-timeout=30s",
            "--dayshift.adapters.backup.write-timeout=40s",
            "--dayshift.adapters.backup.read-timeout=10s",
            "--dayshift.adapters.maas.request-timeout=20s",
            "--dayshift.adapters.maas.connect-timeout=5s",
            "--dayshift.adapters.maas.max-attempts=2",
            "--dayshift.adapters.openstack.call-timeout=60s");
    private static final Duration FINISH_LIMIT = Duration.ofMinutes(16);

    @RegisterExtension
    static PostgresService database = new PostgresService();

    @Test
    void everyRunCompletesOnTheOtherNodeOnceTheKilledNodesLocksRunOut() throws Exception {
        Map<Runbook, Counts> baseline = Baseline.counts();
        List<Runbook> runbooks = List.of(Runbook.values());
        Figures figures = new Figures("takeover");
        try (Drill drill = Drill.start("takeover", Runbook.labSites(runbooks, "takeover"), database)) {
            RunningServiceNode first = drill.node("node-1", SHORT_LOCK.toArray(String[]::new));
            RunningServiceNode second = drill.node("node-2", SHORT_LOCK.toArray(String[]::new));
            drill.people(first);
            Map<String, Runbook> runbookOf = new LinkedHashMap<>();
            for (Runbook runbook : runbooks) {
                runbookOf.put(drill.startRun(runbooks.indexOf(runbook) % 2 == 0 ? first : second, runbook, runbook.site("takeover")), runbook);
            }

            // given node-1 holding job locks in the middle of the runs
            drill.work(Duration.ofSeconds(15));
            Instant waitLimit = Instant.now().plus(Duration.ofMinutes(2));
            while (lockedBy("node-1").isEmpty() && Instant.now().isBefore(waitLimit)) {
                drill.work(Duration.ofMillis(200));
            }
            List<String> locked = lockedBy("node-1");
            assertThat(locked).as("jobs node-1 holds before the kill").isNotEmpty();
            Instant lockExpiry = lockExpiry("node-1");

            // when node-1 is killed and stays down
            first.kill();
            Instant killed = Instant.now();

            // then node-2 takes its jobs over once their locks have run out, and every run reaches its success end
            Instant takenOver = null;
            Instant limit = killed.plus(FINISH_LIMIT);
            Map<String, Instant> endedAt = new LinkedHashMap<>();
            while (Instant.now().isBefore(limit) && (takenOver == null || endedAt.size() < runbookOf.size())) {
                drill.answerTasks();
                if (takenOver == null && stillLocked(locked, "node-1") == 0) {
                    takenOver = Instant.now();
                }
                for (String run : runbookOf.keySet()) {
                    if (!endedAt.containsKey(run) && Drill.ended(drill.historicRun(run))) {
                        endedAt.put(run, Instant.now());
                    }
                }
                Thread.sleep(500);
            }
            List<String> failures = new ArrayList<>();
            var all = drill.counts();
            Map<String, Object> more = new LinkedHashMap<>();
            for (var entry : runbookOf.entrySet()) {
                String run = entry.getKey();
                Runbook runbook = entry.getValue();
                boolean success = endedAt.containsKey(run) && drill.reachedSuccess(second, run, runbook);
                if (!success) {
                    failures.add(runbook.key() + " " + run + ": " + drill.describe(second, run));
                }
                Counts counted = Counts.of(all, runbook.site("takeover"));
                more.put(runbook.site("takeover"), counted.moreThan(baseline.get(runbook)));
                figures.row("runbook", runbook.key(), "run", run, "success", success,
                        "kill_to_completion_s", endedAt.containsKey(run) ? Figures.seconds(Duration.between(killed, endedAt.get(run)).toMillis()) : "",
                        "changing_actions", counted.total(), "without_faults", baseline.get(runbook).total());
            }
            figures.summary("job_lock_ms", LOCK_MILLIS);
            figures.summary("jobs_locked_by_killed_node", locked.size());
            figures.summary("kill_to_lock_expiry_s", Figures.seconds(Duration.between(killed, lockExpiry).toMillis()));
            figures.summary("takeover_s", takenOver == null ? "not within " + FINISH_LIMIT : Figures.seconds(Duration.between(killed, takenOver).toMillis()));
            figures.summary("runs_reaching_success", runbookOf.size() - failures.size());
            figures.summary("actions_more_often_than_without_faults", more);
            figures.summary("operator_decisions", drill.decisions);
            figures.write();
            assertThat(takenOver).as("node-2 took over node-1's jobs").isNotNull();
            assertThat(failures).as("runs that did not reach their success end on node-2").isEmpty();
            assertThat(more.values()).as("actions run more often than without faults").allSatisfy(list -> assertThat((List<?>) list).isEmpty());
        }
    }

    /** The ids of the jobs the node holds locked now. */
    private static List<String> lockedBy(String node) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT id_ FROM act_ru_job WHERE lock_owner_ = ?")) {
            query.setString(1, node);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    /** When the last of the node's job locks runs out. */
    private static Instant lockExpiry(String node) throws Exception {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT max(lock_exp_time_) FROM act_ru_job WHERE lock_owner_ = ?")) {
            query.setString(1, node);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                Timestamp expiry = rows.getTimestamp(1);
                return expiry == null ? Instant.now() : expiry.toInstant();
            }
        }
    }

    /** How many of these jobs still exist with the node's lock on them. */
    private static int stillLocked(List<String> jobs, String node) throws Exception {
        List<String> now = lockedBy(node);
        return (int) jobs.stream().filter(now::contains).count();
    }
}
