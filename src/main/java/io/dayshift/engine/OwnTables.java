package io.dayshift.engine;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Dayshift's own tables next to the engine's (alert ledger, reminders, leases, calendar changes, backup catalogue, node
 * sightings), declared by the class that keeps them, as it starts. What a declaration does depends on who manages the
 * schema (README, "The database schema"):
 * <ul>
 * <li>by default (H2, development, and the schema step) it creates the table unless it exists, and adds the declared
 * columns an older table lacks;</li>
 * <li>on a database whose schema is managed by the schema step ({@link #verifyOnly}: a node under the {@code postgres}
 * profile) it changes nothing and only checks that the table has every declared column, and fails the start with a
 * {@link SchemaNotReadyException} naming the step to run if it has not.</li>
 * </ul>
 * Two nodes creating at once may race on the create: the loser finds the table there.
 */
public final class OwnTables {

    /** The data sources whose schema only the schema step changes. */
    private static final Set<DataSource> VERIFY_ONLY = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private static final Set<String> CONSTRAINTS = Set.of("PRIMARY", "UNIQUE", "CONSTRAINT", "FOREIGN", "CHECK");

    private OwnTables() {
    }

    /** From now on, declarations on {@code dataSource} check and never create or change a table. */
    public static void verifyOnly(DataSource dataSource) {
        VERIFY_ONLY.add(dataSource);
    }

    /**
     * Declares {@code table} with {@code columns} (the part of a CREATE TABLE between its parentheses): creates it, or
     * adds the columns it lacks, or — where the schema step manages the schema — checks it is complete.
     */
    public static void create(JdbcTemplate jdbc, String table, String columns) {
        Map<String, String> declared = columnDefinitions(columns);
        Set<String> present = columnsOf(jdbc, table);
        List<String> missing = declared.keySet().stream().filter(column -> !present.contains(column)).toList();
        if (missing.isEmpty()) {
            return;
        }
        if (VERIFY_ONLY.contains(jdbc.getDataSource())) {
            throw new SchemaNotReadyException(present.isEmpty() ? "the table " + table + " is missing"
                    : "the table " + table + " lacks the column(s) " + String.join(", ", missing));
        }
        if (present.isEmpty()) {
            createTable(jdbc, table, columns);
        } else {
            missing.forEach(column -> addColumn(jdbc, table, declared.get(column)));
        }
    }

    /**
     * Declares a database object that is not a table (a trigger), the way tables are declared: {@code create} makes it
     * unless {@code exists} finds it — or, where the schema step manages the schema, a missing one fails the start with a
     * {@link SchemaNotReadyException} naming {@code what}.
     */
    public static void ensure(JdbcTemplate jdbc, String what, Predicate<JdbcTemplate> exists, Consumer<JdbcTemplate> create) {
        if (exists.test(jdbc)) {
            return;
        }
        if (VERIFY_ONLY.contains(jdbc.getDataSource())) {
            throw new SchemaNotReadyException(what + " is missing");
        }
        try {
            create.accept(jdbc);
        } catch (DataAccessException raced) {
            if (!exists.test(jdbc)) { // another node made it first, or this is the reason it could not be made
                throw raced;
            }
        }
    }

    /**
     * Declares the index {@code name} on {@code table}'s {@code columns} (comma-separated), the way tables are declared: made
     * unless an index of that name is on the table — or, where the schema step manages the schema, a missing one fails the
     * start. For what a run looks up often by columns no key covers, so that the look-up does not grow with the table.
     */
    public static void index(JdbcTemplate jdbc, String table, String name, String columns) {
        ensure(jdbc, "the index " + name + " on " + table, j -> indexesOf(j, table).contains(name.toLowerCase(Locale.ROOT)),
                j -> j.execute("CREATE INDEX IF NOT EXISTS " + name + " ON " + table + " (" + columns + ")"));
    }

    /** The names (lower case) of the indexes on {@code table} in the connection's schema. */
    static Set<String> indexesOf(JdbcTemplate jdbc, String table) {
        return jdbc.execute((ConnectionCallback<Set<String>>) connection -> {
            DatabaseMetaData meta = connection.getMetaData();
            String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT)
                    : meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
            Set<String> indexes = new LinkedHashSet<>();
            try (ResultSet rows = meta.getIndexInfo(connection.getCatalog(), connection.getSchema(), name, false, true)) {
                while (rows.next()) {
                    if (rows.getString("INDEX_NAME") != null) {
                        indexes.add(rows.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
            return indexes;
        });
    }

    private static void createTable(JdbcTemplate jdbc, String table, String columns) {
        try {
            jdbc.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ")");
        } catch (DataAccessException raced) {
            // another node created it first: it is there if it can be read (if not, this read says why)
            jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0", Long.class);
        }
    }

    private static void addColumn(JdbcTemplate jdbc, String table, String definition) {
        try {
            jdbc.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + definition);
        } catch (DataAccessException raced) {
            // another node added it first: it is there if it can be read
            jdbc.queryForObject("SELECT COUNT(" + definition.split("\\s+", 2)[0] + ") FROM " + table + " WHERE 1 = 0", Long.class);
        }
    }

    /** Each declared column's name (lower case) and definition, in order; table constraints are not columns. */
    static Map<String, String> columnDefinitions(String columns) {
        Map<String, String> definitions = new java.util.LinkedHashMap<>();
        for (String part : topLevelParts(columns)) {
            String name = part.split("\\s+", 2)[0];
            if (!CONSTRAINTS.contains(name.toUpperCase(Locale.ROOT))) {
                definitions.put(name.toLowerCase(Locale.ROOT), part);
            }
        }
        return definitions;
    }

    private static List<String> topLevelParts(String columns) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char c : columns.toCharArray()) {
            if (c == ',' && depth == 0) {
                parts.add(part.toString().strip());
                part.setLength(0);
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            part.append(c);
        }
        if (!part.isEmpty()) {
            parts.add(part.toString().strip());
        }
        return parts.stream().filter(p -> !p.isEmpty()).toList();
    }

    /** The columns (lower case) of {@code table} in the connection's schema; none if there is no such table. */
    static Set<String> columnsOf(JdbcTemplate jdbc, String table) {
        return jdbc.execute((ConnectionCallback<Set<String>>) connection -> {
            DatabaseMetaData meta = connection.getMetaData();
            String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT)
                    : meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
            String escape = meta.getSearchStringEscape();
            String pattern = escape == null ? name : name.replace("_", escape + "_").replace("%", escape + "%");
            Set<String> columns = new LinkedHashSet<>();
            try (ResultSet rows = meta.getColumns(connection.getCatalog(), connection.getSchema(), pattern, null)) {
                while (rows.next()) {
                    columns.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            return columns;
        });
    }
}
