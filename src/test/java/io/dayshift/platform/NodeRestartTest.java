package io.dayshift.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.DayshiftApplication;
import io.dayshift.testing.PostgresService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node that comes back resumes at once: a job it held when it died (locked by its identity for another hour, as a
 * killed node leaves it) runs right after it starts again on the same database, while a job held by another node's
 * identity stays locked until its lock runs out. On the embedded H2 file database and on PostgreSQL.
 */
class NodeRestartTest {

    @RegisterExtension
    static final PostgresService POSTGRES = new PostgresService();

    /** Starts the alert test process: its start event is asynchronous, so each run waits as one job. */
    private static final String PROCESS = "alert-test-incident";
    private static final String OTHER_NODE = "ops-elsewhere";

    @TempDir
    Path data;

    /** The service on one database, as often as the test restarts it. */
    interface Database {
        ConfigurableApplicationContext start(String... arguments);

        Connection connect() throws SQLException;
    }

    @Test
    void onH2() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        aRestartedNodeRunsTheJobsItHeldAtOnce(new Database() {
            @Override
            public ConfigurableApplicationContext start(String... arguments) {
                List<String> all = new ArrayList<>(List.of("--spring.datasource.url=" + url, "--server.port=0"));
                all.addAll(List.of(arguments));
                return new SpringApplicationBuilder(DayshiftApplication.class).profiles("test").run(all.toArray(String[]::new));
            }

            @Override
            public Connection connect() throws SQLException {
                return DriverManager.getConnection(url, "sa", "");
            }
        });
    }

    @Test
    void onPostgres() throws Exception {
        aRestartedNodeRunsTheJobsItHeldAtOnce(new Database() {
            @Override
            public ConfigurableApplicationContext start(String... arguments) {
                return POSTGRES.start(arguments);
            }

            @Override
            public Connection connect() throws SQLException {
                return POSTGRES.connect();
            }
        });
    }

    private void aRestartedNodeRunsTheJobsItHeldAtOnce(Database database) throws Exception {
        String idFile = "--dayshift.node.id-file=" + data.resolve("node-id");
        String node;
        String heldHere;
        String heldElsewhere;
        Instant lockEnd = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

        // given two runs each waiting as a job, on a node whose job executor is off
        try (ConfigurableApplicationContext service = database.start(idFile, "--camunda.bpm.job-execution.enabled=false")) {
            node = service.getBean(NodeIdentity.class).id();
            ProcessEngine engine = service.getBean(ProcessEngine.class);
            assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().getLockOwner())
                    .as("the job executor locks jobs as this node").isEqualTo(node);
            RuntimeService runtime = service.getBean(RuntimeService.class);
            heldHere = runtime.startProcessInstanceByKey(PROCESS).getId();
            heldElsewhere = runtime.startProcessInstanceByKey(PROCESS).getId();
        }
        // and the node died while it held the first job, another node (still running) holds the second, both for another hour
        try (Connection connection = database.connect()) {
            assertThat(lock(connection, heldHere, node, lockEnd)).isEqualTo(1);
            assertThat(lock(connection, heldElsewhere, OTHER_NODE, lockEnd)).isEqualTo(1);
        }

        // when the node starts again on the same database, with its job executor on
        try (ConfigurableApplicationContext service = database.start(idFile, "--camunda.bpm.job-execution.enabled=true")) {
            assertThat(service.getBean(NodeIdentity.class).id()).as("the same identity after a restart").isEqualTo(node);
            ManagementService management = service.getBean(ManagementService.class);

            // then its own job runs long before its old lock would have run out
            waitUntilNoJob(management, heldHere);
            assertThat(service.getBean(RuntimeService.class).createExecutionQuery().processInstanceId(heldHere)
                    .activityId("Event_AlertResolved").count()).as("the run went on to its next wait").isEqualTo(1);

            // and the other node's job is untouched: still locked by it, until the same time
            try (Connection connection = database.connect()) {
                assertThat(lockOf(connection, heldElsewhere)).isEqualTo(new Lock(OTHER_NODE, Timestamp.from(lockEnd).toInstant()));
            }
            assertThat(management.createJobQuery().processInstanceId(heldElsewhere).count()).isEqualTo(1);
        }
    }

    /** Locks the run's job as a node's job executor does when it fetches it. */
    private static int lock(Connection connection, String run, String owner, Instant until) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE ACT_RU_JOB SET LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ? WHERE PROCESS_INSTANCE_ID_ = ?")) {
            update.setString(1, owner);
            update.setTimestamp(2, Timestamp.from(until));
            update.setString(3, run);
            return update.executeUpdate();
        }
    }

    private record Lock(String owner, Instant until) {
    }

    private static Lock lockOf(Connection connection, String run) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT LOCK_OWNER_, LOCK_EXP_TIME_ FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ = ?")) {
            select.setString(1, run);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("the job of run " + run).isTrue();
                return new Lock(row.getString(1), row.getTimestamp(2).toInstant());
            }
        }
    }

    /** Waits for the run's job to have run; a minute is far inside the hour its lock had left. */
    private static void waitUntilNoJob(ManagementService management, String run) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (management.createJobQuery().processInstanceId(run).count() > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the job of run " + run + ", locked by this node before it stopped, did not run within 60 s of its restart");
            }
            Thread.sleep(200);
        }
    }
}
