package io.dayshift.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Declaring an own table: created, completed with a column an older table lacks, or — where the schema step manages the schema — only checked. */
class OwnTablesTest {

    private static final String COLUMNS = "id VARCHAR(36) NOT NULL, kind VARCHAR(16), size DECIMAL(10, 2), PRIMARY KEY (id, kind)";

    @Test
    void theColumnsAreTheDeclaredOnesWithoutTheTableConstraints() {
        assertThat(OwnTables.columnDefinitions(COLUMNS)).containsExactly(
                java.util.Map.entry("id", "id VARCHAR(36) NOT NULL"),
                java.util.Map.entry("kind", "kind VARCHAR(16)"),
                java.util.Map.entry("size", "size DECIMAL(10, 2)"));
    }

    @Test
    void aStartThatManagesTheSchemaCreatesTheTableAndAddsWhatAnOlderOneLacks() {
        JdbcTemplate jdbc = database("creates");

        // given a table an older release created without 'size'
        jdbc.execute("CREATE TABLE dayshift_thing (id VARCHAR(36) NOT NULL, kind VARCHAR(16), PRIMARY KEY (id, kind))");
        jdbc.update("INSERT INTO dayshift_thing (id, kind) VALUES ('a', 'b')");

        // when it is declared, and another table too
        OwnTables.create(jdbc, "dayshift_thing", COLUMNS);
        OwnTables.create(jdbc, "dayshift_other", "id VARCHAR(36) NOT NULL PRIMARY KEY");

        // then the first gains the column and keeps its row, and the second exists
        assertThat(OwnTables.columnsOf(jdbc, "dayshift_thing")).containsExactly("id", "kind", "size");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dayshift_thing", Long.class)).isEqualTo(1);
        assertThat(OwnTables.columnsOf(jdbc, "dayshift_other")).containsExactly("id");
    }

    @Test
    void whereTheSchemaStepManagesTheSchemaADeclarationOnlyChecks() {
        JdbcTemplate jdbc = database("verifies");
        OwnTables.verifyOnly(jdbc.getDataSource());

        // a missing table is named, and not created
        assertThatThrownBy(() -> OwnTables.create(jdbc, "dayshift_thing", COLUMNS))
                .isInstanceOf(SchemaNotReadyException.class)
                .hasMessageContaining("the table dayshift_thing is missing")
                .hasMessageContaining("java -jar dayshift.jar schema");
        assertThat(OwnTables.columnsOf(jdbc, "dayshift_thing")).isEmpty();

        // a missing column is named, and not added
        jdbc.execute("CREATE TABLE dayshift_thing (id VARCHAR(36) NOT NULL, kind VARCHAR(16), PRIMARY KEY (id, kind))");
        assertThatThrownBy(() -> OwnTables.create(jdbc, "dayshift_thing", COLUMNS))
                .isInstanceOf(SchemaNotReadyException.class)
                .hasMessageContaining("the table dayshift_thing lacks the column(s) size");
        assertThat(OwnTables.columnsOf(jdbc, "dayshift_thing")).containsExactly("id", "kind");

        // a complete table passes
        jdbc.execute("ALTER TABLE dayshift_thing ADD COLUMN size DECIMAL(10, 2)");
        OwnTables.create(jdbc, "dayshift_thing", COLUMNS);
    }

    @Test
    void anIndexIsMadeOnceAndWhereTheSchemaStepManagesTheSchemaAMissingOneIsNamed() {
        // given a table without the index
        JdbcTemplate jdbc = database("indexes");
        OwnTables.create(jdbc, "dayshift_thing", COLUMNS);
        assertThat(OwnTables.indexesOf(jdbc, "dayshift_thing")).doesNotContain("dayshift_thing_kind");

        // when it is declared, twice (a second start)
        OwnTables.index(jdbc, "dayshift_thing", "dayshift_thing_kind", "kind, id");
        OwnTables.index(jdbc, "dayshift_thing", "dayshift_thing_kind", "kind, id");

        // then it is there
        assertThat(OwnTables.indexesOf(jdbc, "dayshift_thing")).contains("dayshift_thing_kind");

        // and where the schema step manages the schema, a missing index is named and not made
        JdbcTemplate managed = database("indexes-verified");
        OwnTables.create(managed, "dayshift_thing", COLUMNS);
        OwnTables.verifyOnly(managed.getDataSource());
        assertThatThrownBy(() -> OwnTables.index(managed, "dayshift_thing", "dayshift_thing_kind", "kind, id"))
                .isInstanceOf(SchemaNotReadyException.class)
                .hasMessageContaining("the index dayshift_thing_kind on dayshift_thing is missing");
        assertThat(OwnTables.indexesOf(managed, "dayshift_thing")).doesNotContain("dayshift_thing_kind");
    }

    private static JdbcTemplate database(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:own-tables-" + name + ";DB_CLOSE_DELAY=-1");
        return new JdbcTemplate(dataSource);
    }
}
