package io.dayshift.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.engine.OwnTables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The chains on H2 (the default database): the append-only rule is a Java trigger; a DBA drops it to change a row. */
class EvidenceChainsH2Test extends ChainsContract {

    private final String url = "jdbc:h2:mem:evidence-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private DataSource dataSource;
    private EvidenceStore store;
    private EvidenceVerifier verifier;
    private TransactionTemplate transaction;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        dataSource = h2;
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        store = new EvidenceStore(new JdbcTemplate(dataSource), transactions);
        verifier = new EvidenceVerifier(store);
        transaction = new TransactionTemplate(transactions);
    }

    @Override
    EvidenceStore store() {
        return store;
    }

    @Override
    EvidenceVerifier verifier() {
        return verifier;
    }

    @Override
    TransactionTemplate transaction() {
        return transaction;
    }

    @Override
    Connection dba() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    void liftTrigger(Statement dba, String table) throws SQLException {
        dba.execute("DROP TRIGGER " + AppendOnly.trigger(table));
    }

    @Override
    void restoreTrigger(Statement dba, String table) {
        AppendOnly.declare(new JdbcTemplate(dataSource), table);
    }

    @Test
    void aDeclaredTableGetsItsTriggerBackAndAVerifyOnlyDatabaseWithoutItRefusesToStart() throws SQLException {
        try (Connection dba = dba(); Statement statement = dba.createStatement()) {
            liftTrigger(statement, EvidenceStore.ENTRIES);
        }
        new EvidenceStore(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
        try (Connection dba = dba(); Statement statement = dba.createStatement()) {
            assertThat(statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TRIGGERS WHERE TRIGGER_NAME = 'DAYSHIFT_EVIDENCE_APPEND_ONLY'")
                    .next()).isTrue();
            liftTrigger(statement, EvidenceStore.ENTRIES);
        }
        OwnTables.verifyOnly(dataSource);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EvidenceStore(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource)))
                .hasMessageContaining("append-only trigger dayshift_evidence_append_only").hasMessageContaining("dayshift.jar schema");
    }

    @Test
    void theVerifyEvidenceCommandExitsNonZeroNamingTheFirstEntryThatDoesNotMatch() throws SQLException {
        String run = UUID.randomUUID().toString();
        for (int i = 1; i <= 2; i++) {
            int n = i;
            transaction.executeWithoutResult(status -> store.append(new EvidenceStore.Where(run, "Task_Step" + n, "lab", "evidence-test"),
                    Instant.now(), Entry.CALL, Call.SSH, "cn01", "$ hostname", "exit 0", "cn01"));
        }
        String[] database = {"--spring.datasource.url=" + url, "--spring.datasource.username=sa", "--DAYSHIFT_ADMIN_PASSWORD=x",
                "--dayshift.node.id-file=target/verify-evidence-node-id"};

        ByteArrayOutputStream intact = new ByteArrayOutputStream();
        assertThat(VerifyEvidenceCommand.run(new PrintStream(intact, true, StandardCharsets.UTF_8), with(database, "--run", run))).isZero();
        assertThat(intact.toString(StandardCharsets.UTF_8)).contains("run " + run + ": intact, 2 entries").contains("Evidence intact");

        try (Connection dba = dba(); Statement statement = dba.createStatement()) {
            liftTrigger(statement, EvidenceStore.ENTRIES);
            statement.executeUpdate("UPDATE dayshift_evidence SET action = '$ true' WHERE run_id = '" + run + "' AND seq = 2");
        }
        ByteArrayOutputStream broken = new ByteArrayOutputStream();
        assertThat(VerifyEvidenceCommand.run(new PrintStream(broken, true, StandardCharsets.UTF_8), database))
                .isEqualTo(VerifyEvidenceCommand.MISMATCH);
        assertThat(broken.toString(StandardCharsets.UTF_8)).contains("MISMATCH in run " + run + ", entry 2 (Task_Step2): its content does not match its hash")
                .contains("Evidence NOT intact");
    }

    private static String[] with(String[] database, String... more) {
        String[] all = java.util.Arrays.copyOf(database, database.length + more.length);
        System.arraycopy(more, 0, all, database.length, more.length);
        return all;
    }
}
