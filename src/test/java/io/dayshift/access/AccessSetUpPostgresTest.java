package io.dayshift.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.testing.PostgresService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.FilterService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Nodes of a cluster starting together take turns at the access set-up: a node whose set-up finds the engine's
 * start-up row locked (another node setting up) waits for it, so no two nodes both create a group, grant, filter or
 * the administrator. On a real PostgreSQL, with the row held by the test in the other node's place.
 */
class AccessSetUpPostgresTest {

    @RegisterExtension
    static final PostgresService POSTGRES = new PostgresService();

    @Test
    void aNodeSetsUpAccessOnlyWhileNoOtherNodeDoes() throws Exception {
        try (Connection otherNode = POSTGRES.connect()) {
            // given another node in the middle of its set-up, holding the start-up row
            otherNode.setAutoCommit(false);
            try (Statement statement = otherNode.createStatement()) {
                statement.executeQuery("SELECT VALUE_ FROM ACT_GE_PROPERTY WHERE NAME_ = 'startup.lock' FOR UPDATE").close();
            }

            // when a node starts, then its set-up waits for that row, having created nothing
            CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture.supplyAsync(
                    () -> POSTGRES.start("--camunda.bpm.job-execution.enabled=false"));
            awaitASessionWaitingForTheStartUpRow();
            assertThat(count("SELECT COUNT(*) FROM ACT_ID_USER")).isZero();
            assertThat(count("SELECT COUNT(*) FROM ACT_RU_FILTER")).isZero();

            // and once the other node is done, it sets up everything once
            otherNode.commit();
            try (ConfigurableApplicationContext node = starting.get(180, TimeUnit.SECONDS)) {
                assertThat(count("SELECT COUNT(*) FROM ACT_ID_USER WHERE ID_ = 'admin'")).isEqualTo(1);
                assertThat(node.getBean(FilterService.class).createFilterQuery().filterName(AccessBootstrap.FILTER_GROUP_TASKS).count())
                        .isEqualTo(1);
            }
        }
    }

    private static void awaitASessionWaitingForTheStartUpRow() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (count("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%startup.lock%FOR UPDATE%'") == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no node waited for the start-up row within 180 s of its start");
            }
            Thread.sleep(200);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = POSTGRES.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
