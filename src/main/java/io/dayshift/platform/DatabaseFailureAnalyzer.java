package io.dayshift.platform;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Turns "the database is not there" at start-up into one message that names the settings to fix,
 * instead of a page of stack traces.
 */
class DatabaseFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        SQLException cause = connectionProblem(failure);
        if (cause == null) {
            return null;
        }
        String url = environment.getProperty("spring.datasource.url", "(not set)");
        String user = environment.getProperty("spring.datasource.username", "(not set)");
        String description = "Dayshift cannot use its database at " + url + " as user '" + user + "': "
                + firstLine(cause.getMessage()) + " (SQL state " + cause.getSQLState() + ")";
        String action = switch (cause.getSQLState().substring(0, 2)) {
            case "28" -> "Check the user and password: DAYSHIFT_DB_USER and DAYSHIFT_DB_PASSWORD "
                    + "(spring.datasource.username / spring.datasource.password).";
            case "3D" -> "Create the database named in DAYSHIFT_DB_URL, or point DAYSHIFT_DB_URL "
                    + "(spring.datasource.url) at an existing one.";
            default -> "Check DAYSHIFT_DB_URL (spring.datasource.url): is PostgreSQL running, and reachable "
                    + "from this host at that address and port? Then DAYSHIFT_DB_USER and DAYSHIFT_DB_PASSWORD.";
        };
        return new FailureAnalysis(description, action, failure);
    }

    /** The first SQL exception in the chain that says the connection could not be made or used. */
    private static SQLException connectionProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
                String sqlClass = sql.getSQLState().substring(0, 2);
                if (sqlClass.equals("08") || sqlClass.equals("28") || sqlClass.equals("3D")) {
                    return sql;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
