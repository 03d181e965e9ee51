package io.dayshift.evidence;

import io.dayshift.engine.OwnTables;
import java.util.Locale;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes a table append-only in the database, for every role: a trigger refuses each UPDATE and DELETE (on PostgreSQL also
 * TRUNCATE), declared like Dayshift's tables ({@link OwnTables#ensure}: created by default and by the schema step,
 * checked where the schema step manages the schema). A DBA can still disable the trigger; the chains' hashes are what then
 * shows a changed row ({@link EvidenceVerifier}).
 */
final class AppendOnly {

    static final String WHY = "Dayshift's evidence journal is append-only";
    /** The PostgreSQL function every append-only trigger calls. */
    static final String FUNCTION = "dayshift_refuse_change";

    private AppendOnly() {
    }

    /** The name of the trigger that keeps {@code table} append-only. */
    static String trigger(String table) {
        return table + "_append_only";
    }

    static void declare(JdbcTemplate jdbc, String table) {
        String trigger = trigger(table);
        String what = "the append-only trigger " + trigger + " of table " + table;
        String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        switch (product) {
            case "PostgreSQL" -> OwnTables.ensure(jdbc, what,
                    j -> j.queryForObject("SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                            + "WHERE t.tgname = ? AND c.relname = ? AND c.relnamespace = current_schema()::regnamespace", Long.class,
                            trigger, table) > 0,
                    j -> {
                        j.execute("CREATE OR REPLACE FUNCTION " + FUNCTION + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                + "RAISE EXCEPTION '% on % refused: " + WHY.replace("'", "''") + "', TG_OP, TG_TABLE_NAME "
                                + "USING ERRCODE = 'insufficient_privilege'; END $$");
                        j.execute("CREATE TRIGGER " + trigger + " BEFORE UPDATE OR DELETE ON " + table
                                + " FOR EACH ROW EXECUTE FUNCTION " + FUNCTION + "()");
                        j.execute("CREATE TRIGGER " + table + "_no_truncate BEFORE TRUNCATE ON " + table
                                + " FOR EACH STATEMENT EXECUTE FUNCTION " + FUNCTION + "()");
                    });
            case "H2" -> OwnTables.ensure(jdbc, what,
                    j -> j.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TRIGGERS WHERE TRIGGER_NAME = ?", Long.class,
                            trigger.toUpperCase(Locale.ROOT)) > 0,
                    j -> j.execute("CREATE TRIGGER IF NOT EXISTS " + trigger + " BEFORE UPDATE, DELETE ON " + table
                            + " FOR EACH ROW CALL '" + AppendOnlyTrigger.class.getName() + "'"));
            default -> throw new IllegalStateException("the evidence journal needs PostgreSQL or H2, not " + product
                    + ": it cannot make table " + table + " append-only");
        }
    }
}
