package io.dayshift.engine;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Dayshift's own tables next to the engine's (alert ledger, reminders, leases, calendar changes), created at start on H2
 * and PostgreSQL alike. Two nodes starting at once may race on the create: the loser finds the table there.
 */
public final class OwnTables {

    private OwnTables() {
    }

    /** Creates {@code table} with {@code columns} (the part of a CREATE TABLE between its parentheses) unless it exists. */
    public static void create(JdbcTemplate jdbc, String table, String columns) {
        try {
            jdbc.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ")");
        } catch (DataAccessException raced) {
            // another node created it first: it is there if it can be read (if not, this read says why)
            jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0", Long.class);
        }
    }
}
