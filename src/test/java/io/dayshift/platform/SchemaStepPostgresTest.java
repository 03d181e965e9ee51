package io.dayshift.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.engine.SchemaNotReadyException;
import io.dayshift.testing.PostgresService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * In production (the {@code postgres} profile) a node never creates or changes the schema: on an empty database, or one
 * whose engine or own tables are older than the release, it stops at once naming the schema step and leaves the
 * database as it found it; the schema step creates or updates the schema, and then the node starts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaStepPostgresTest {

    @RegisterExtension
    static final PostgresService POSTGRES = PostgresService.withoutSchema();

    @Test
    @Order(1)
    void aNodeOnAnEmptyDatabaseStopsNamingTheStepAndTheStepCreatesTheSchema() throws Exception {
        // given an empty database, when a node starts, then it stops naming the step, and creates nothing
        assertThatThrownBy(SchemaStepPostgresTest::node)
                .rootCause().isInstanceOf(SchemaNotReadyException.class)
                .hasMessageContaining("the database has no engine tables (it is empty)")
                .hasMessageContaining("java -jar dayshift.jar schema");
        assertThat(tables()).isEmpty();

        // when the schema step runs
        POSTGRES.schema();

        // then the engine's and Dayshift's tables are there, and no node set-up happened (no users, no deployment)
        assertThat(tables()).contains("act_ru_job", "act_ge_schema_log", "dayshift_alert_intake", "dayshift_lease",
                "dayshift_node", "dayshift_backup_artefact");
        assertThat(count("SELECT COUNT(*) FROM act_id_user")).isZero();
        assertThat(count("SELECT COUNT(*) FROM act_re_deployment")).isZero();
        assertThat(count("SELECT COUNT(*) FROM dayshift_node")).isZero();

        // and a node starts on it
        try (ConfigurableApplicationContext node = node()) {
            assertThat(node.getBean(RepositoryService.class).createProcessDefinitionQuery().count()).isPositive();
        }
    }

    @Test
    @Order(2)
    void aNodeOnAnOlderSchemaStopsAndTheStepUpdatesIt() throws Exception {
        POSTGRES.schema(); // whatever the first test left, the schema is current; the step may run again

        // given engine tables an older release made, and an own table without a column this release declares
        execute("DELETE FROM act_ge_schema_log WHERE id_ <> '0'");
        execute("UPDATE act_ge_schema_log SET version_ = '7.23.0' WHERE id_ = '0'");
        execute("ALTER TABLE dayshift_alert_intake DROP COLUMN resolved_at");

        // when a node starts, then it stops naming the engine tables' version and the step
        assertThatThrownBy(SchemaStepPostgresTest::node)
                .rootCause().isInstanceOf(SchemaNotReadyException.class)
                .hasMessageContaining("its engine tables are at 7.23.0 and this release's engine needs 7.24")
                .hasMessageContaining("java -jar dayshift.jar schema");

        // and with the engine tables current, it names the own table's missing column, and adds nothing
        execute("INSERT INTO act_ge_schema_log (id_, timestamp_, version_) VALUES ('1300', CURRENT_TIMESTAMP, '7.24.0')");
        assertThatThrownBy(SchemaStepPostgresTest::node)
                .rootCause().isInstanceOf(SchemaNotReadyException.class)
                .hasMessageContaining("the table dayshift_alert_intake lacks the column(s) resolved_at");
        assertThat(count("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'dayshift_alert_intake' "
                + "AND column_name = 'resolved_at'")).isZero();

        // when the engine tables are back at 7.23 and the step runs
        execute("DELETE FROM act_ge_schema_log WHERE id_ = '1300'");
        execute("UPDATE act_ge_schema_log SET version_ = '7.23.0' WHERE id_ = '0'");
        POSTGRES.schema();

        // then it ran the engine's update script to 7.24 and added the column; the node starts
        assertThat(count("SELECT COUNT(*) FROM act_ge_schema_log WHERE id_ = '1300' AND version_ = '7.24.0'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'dayshift_alert_intake' "
                + "AND column_name = 'resolved_at'")).isEqualTo(1);
        try (ConfigurableApplicationContext node = node()) {
            assertThat(node.isActive()).isTrue();
        }
    }

    private static ConfigurableApplicationContext node() {
        return POSTGRES.start("--camunda.bpm.job-execution.enabled=false");
    }

    private static List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = POSTGRES.connect();
             var rows = connection.createStatement().executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = POSTGRES.connect(); var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = POSTGRES.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
