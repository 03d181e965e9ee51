package io.dayshift.platform;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The process engine's tables: which release created or last updated them (the newest row of {@code ACT_GE_SCHEMA_LOG}),
 * which release this service's engine is, and the update from one to the other with the engine's own upgrade scripts
 * ({@code org/camunda/bpm/engine/db/upgrade/<database>_engine_7.N_to_7.N+1.sql}, one per minor release, in order). The
 * engine itself creates missing tables but never updates existing ones.
 */
final class EngineSchema {

    private static final Logger LOG = LoggerFactory.getLogger(EngineSchema.class);
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final String SCHEMA_LOG = "ACT_GE_SCHEMA_LOG";

    private EngineSchema() {
    }

    /** A release as major.minor (patch releases share a schema). */
    record Release(int major, int minor) implements Comparable<Release> {

        static Release of(String version) {
            Matcher matcher = VERSION.matcher(version == null ? "" : version);
            if (!matcher.lookingAt()) {
                throw new IllegalStateException("'" + version + "' is not a process engine version (major.minor.patch)");
            }
            return new Release(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
        }

        @Override
        public int compareTo(Release other) {
            return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    /** The release of this service's process engine. */
    static Release engine() {
        return Release.of(ProductPropertiesUtil.getProductVersion());
    }

    /** The version that created or last updated the engine's tables; empty if there are none. */
    static Optional<String> databaseVersion(Connection connection) throws SQLException {
        if (!tableExists(connection, SCHEMA_LOG)) {
            return Optional.empty();
        }
        String newest = null;
        long newestId = Long.MIN_VALUE;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT ID_, VERSION_ FROM " + SCHEMA_LOG)) {
            while (rows.next()) {
                long id = Long.parseLong(rows.getString(1).strip());
                if (id > newestId) {
                    newestId = id;
                    newest = rows.getString(2);
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    /** Brings engine tables of an older release up to this one's; returns the releases it went through (none if current). */
    static int update(Connection connection, Release from) throws SQLException {
        Release to = engine();
        if (from.compareTo(to) >= 0) {
            return 0;
        }
        if (from.major() != to.major()) {
            throw new IllegalStateException("the engine tables are at " + from + " and this release's engine is " + to
                    + ": no update across major releases");
        }
        String database = databaseType(connection);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int minor = from.minor(); minor < to.minor(); minor++) {
                String script = "org/camunda/bpm/engine/db/upgrade/" + database + "_engine_" + to.major() + "." + minor + "_to_"
                        + to.major() + "." + (minor + 1) + ".sql";
                ClassPathResource resource = new ClassPathResource(script);
                if (!resource.exists()) {
                    throw new IllegalStateException("no update script " + script + " in this release's engine: update the engine tables from "
                            + from + " to " + to + " by hand with the engine's SQL scripts");
                }
                LOG.info("Updating the engine tables from {}.{} to {}.{} ({})", to.major(), minor, to.major(), minor + 1, script);
                ScriptUtils.executeSqlScript(connection, resource);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return to.minor() - from.minor();
    }

    /** The engine's name for the database: the prefix of its scripts. */
    static String databaseType(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return "postgres";
        }
        if (product.contains("h2")) {
            return "h2";
        }
        throw new IllegalStateException("database '" + product + "' is not one Dayshift runs on (PostgreSQL, or H2 for development)");
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String name = meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
        String escape = meta.getSearchStringEscape();
        String pattern = escape == null ? name : name.replace("_", escape + "_");
        try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), pattern, null)) {
            return tables.next();
        }
    }
}
