package io.dayshift.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps stored runs readable when a class kept in variables moves to another package. The engine stores a JSON
 * variable with its class name ({@code TEXT2_}: {@code io.dayshift.runbook.RunLog$StepRecords},
 * {@code java.util.ArrayList<io.dayshift.runbook.StepRecord>}) and can read it back only while that class exists. At
 * every start, once the engine is built and before its job executor runs, the old names are rewritten to the new ones
 * in the runtime and history variable tables, in one transaction; a start that finds none changes nothing.
 */
@Component
class MovedTypesMigration extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(MovedTypesMigration.class);

    /** Old name to new name of every class that moved; a nested class ({@code RunLog$StepRecords}) moves with its outer one. */
    static final Map<String, String> MOVED = Map.of(
            "io.dayshift.runbook.RunLog", "io.dayshift.engine.RunLog",
            "io.dayshift.runbook.StepRecord", "io.dayshift.engine.StepRecord",
            "io.dayshift.runbook.commission.OperatorDecision", "io.dayshift.runbook.OperatorDecision",
            "io.dayshift.runbook.restore.DrRestoreVariables", "io.dayshift.runbook.restore.DrRestore");

    /** The tables whose {@code TEXT2_} holds a variable's type name. */
    static final List<String> TABLES = List.of("ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_HI_DETAIL");

    /** An old name as a whole class name: not a prefix of a longer one ({@code StepRecordX}), nor the tail of another. */
    private static final Pattern OLD_NAME = Pattern.compile("(?<![\\w.$])(" + MOVED.keySet().stream().map(Pattern::quote)
            .collect(Collectors.joining("|")) + ")(?!\\w)");

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        migrate((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration());
    }

    /** Rewrites the old names; returns how many rows changed, per table. */
    Map<String, Integer> migrate(ProcessEngineConfigurationImpl configuration) {
        Map<String, Integer> changed = configuration.getCommandExecutorTxRequired().execute(context ->
                migrateTables(context.getDbSqlSession().getSqlSession().getConnection(), configuration.getDatabaseTablePrefix()));
        int total = changed.values().stream().mapToInt(Integer::intValue).sum();
        if (total > 0) {
            LOG.info("Stored runs: {} variable rows named a class by its old package and now name its new one ({})", total,
                    changed.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        } else {
            LOG.debug("Stored runs: no variable names a moved class by its old package");
        }
        return changed;
    }

    private static Map<String, Integer> migrateTables(Connection connection, String prefix) {
        Map<String, Integer> changed = new LinkedHashMap<>();
        for (String table : TABLES) {
            try {
                changed.put(table, migrateTable(connection, prefix + table));
            } catch (SQLException e) {
                throw new IllegalStateException("could not rename moved classes in the variable types of " + prefix + table, e);
            }
        }
        return changed;
    }

    private static int migrateTable(Connection connection, String table) throws SQLException {
        List<Rename> renames = new ArrayList<>();
        String like = MOVED.keySet().stream().map(old -> "TEXT2_ LIKE ?").collect(Collectors.joining(" OR "));
        try (PreparedStatement select = connection.prepareStatement("SELECT ID_, TEXT2_ FROM " + table + " WHERE " + like)) {
            int index = 1;
            for (String old : MOVED.keySet()) {
                select.setString(index++, "%" + old + "%");
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    String renamed = renamed(type);
                    if (!renamed.equals(type)) {
                        renames.add(new Rename(rows.getString(1), type, renamed));
                    }
                }
            }
        }
        int count = 0;
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET TEXT2_ = ? WHERE ID_ = ? AND TEXT2_ = ?")) {
            for (Rename rename : renames) {
                update.setString(1, rename.to());
                update.setString(2, rename.id());
                update.setString(3, rename.from());
                count += update.executeUpdate();
            }
        }
        return count;
    }

    private record Rename(String id, String from, String to) {
    }

    /** The type name with every moved class named by its new package. */
    static String renamed(String type) {
        Matcher old = OLD_NAME.matcher(type);
        return old.replaceAll(match -> Matcher.quoteReplacement(MOVED.get(match.group(1))));
    }
}
