package io.dayshift.evidence;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * On H2, the trigger that refuses every UPDATE and DELETE on a table of the evidence journal ({@link AppendOnly}): the
 * database itself, not only the service, keeps the journal append-only. Public, with a no-argument constructor, because H2
 * instantiates it by name.
 */
public final class AppendOnlyTrigger implements Trigger {

    private String table = "?";

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type) {
        this.table = table;
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException((newRow == null ? "DELETE" : "UPDATE") + " on " + table + " refused: " + AppendOnly.WHY, "42501");
    }
}
