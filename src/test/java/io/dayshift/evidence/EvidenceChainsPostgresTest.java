package io.dayshift.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.testing.PostgresService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chains on a real PostgreSQL whose schema the schema step made (the journal's tables and their append-only triggers
 * included), the service started on it under the {@code postgres} profile, which only checks the schema: the database
 * refuses UPDATE, DELETE and TRUNCATE on the journal; a DBA disables the trigger to change a row, and verification finds it.
 */
class EvidenceChainsPostgresTest extends ChainsContract {

    @RegisterExtension
    static final PostgresService POSTGRES = new PostgresService();

    private static ConfigurableApplicationContext service;

    @BeforeAll
    static void start() {
        service = POSTGRES.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Override
    EvidenceStore store() {
        return service.getBean(EvidenceStore.class);
    }

    @Override
    EvidenceVerifier verifier() {
        return service.getBean(EvidenceVerifier.class);
    }

    @Override
    TransactionTemplate transaction() {
        return new TransactionTemplate(service.getBean(PlatformTransactionManager.class));
    }

    @Override
    Connection dba() throws SQLException {
        return POSTGRES.connect();
    }

    @Override
    void liftTrigger(Statement dba, String table) throws SQLException {
        dba.execute("ALTER TABLE " + table + " DISABLE TRIGGER " + AppendOnly.trigger(table));
    }

    @Override
    void restoreTrigger(Statement dba, String table) throws SQLException {
        dba.execute("ALTER TABLE " + table + " ENABLE TRIGGER " + AppendOnly.trigger(table));
    }

    @Test
    void truncatingTheJournalIsRefusedToo() throws SQLException {
        try (Connection dba = dba(); Statement statement = dba.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> statement.execute("TRUNCATE dayshift_evidence"))
                    .hasMessageContaining("append-only");
            assertThat(statement.executeQuery("SELECT COUNT(*) FROM pg_trigger WHERE tgname = 'dayshift_evidence_site_chain_append_only'").next())
                    .isTrue();
        }
    }
}
