package io.dayshift.testing;

import io.dayshift.DayshiftApplication;
import io.dayshift.platform.SchemaStep;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real PostgreSQL for a test class, with the service's database and user as an operator creates them, the schema
 * step run on it once (as an operator does before the nodes start; {@link #withoutSchema()} leaves the database empty),
 * and the whole service started on it through the {@code postgres} profile and its environment variables, as often as
 * the test restarts it. Register it as a static {@code @RegisterExtension} field. A {@link #restartable()} one keeps its
 * data directory and port, so a test can stop the database and start it again on the same data ({@link #stop()},
 * {@link #startAgain()}), and services in other JVMs reach it with {@link #nodeArguments()}.
 */
public final class PostgresService implements BeforeAllCallback, AfterAllCallback {

    private static final String DATABASE = "dayshift";
    private static final String USER = "dayshift";
    private static final String PASSWORD = "pg-test-password";
    /** The administrator's password of every service started on the database. */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private final boolean schemaStep;
    private final boolean restartable;
    private Path dataDirectory;
    private int port;
    private EmbeddedPostgres postgres;

    public PostgresService() {
        this(true, false);
    }

    private PostgresService(boolean schemaStep, boolean restartable) {
        this.schemaStep = schemaStep;
        this.restartable = restartable;
    }

    /** A database as the operator created it, before the schema step. */
    public static PostgresService withoutSchema() {
        return new PostgresService(false, false);
    }

    /** A database with its schema whose data directory and port stay the same when the test stops and starts it again. */
    public static PostgresService restartable() {
        return new PostgresService(true, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (restartable) {
            dataDirectory = LabTests.tempDirectory("postgres-data-");
            port = LabTests.freePort();
        }
        postgres = builder().start();
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE USER " + USER + " WITH PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
        if (schemaStep) {
            schema();
        }
    }

    private EmbeddedPostgres.Builder builder() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (restartable) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port);
        }
        return builder;
    }

    /** Stops the database as an operator's {@code pg_ctl stop} would (fast shutdown); its data stays. Restartable ones only. */
    public void stop() throws IOException {
        requireRestartable();
        postgres.close();
    }

    /** Starts the database again on the same data directory and port. Restartable ones only. */
    public void startAgain() throws IOException {
        requireRestartable();
        postgres = builder().start();
    }

    private void requireRestartable() {
        if (!restartable) {
            throw new IllegalStateException("only a PostgresService.restartable() is stopped and started again");
        }
    }

    /**
     * What a service started in another JVM needs to run on this database: the {@code postgres} profile, the database's
     * settings and the administrator's password, as {@code --name=value} arguments.
     */
    public List<String> nodeArguments() {
        List<String> all = new ArrayList<>(databaseArguments());
        all.add("--spring.profiles.active=postgres");
        all.add("--DAYSHIFT_ADMIN_PASSWORD=" + ADMIN_PASSWORD);
        return all;
    }

    /** Runs the schema step on the database ({@code java -jar dayshift.jar schema}), with the given further arguments. */
    public void schema(String... arguments) {
        List<String> all = new ArrayList<>(databaseArguments());
        all.add("--spring.profiles.active=postgres");
        all.addAll(List.of(arguments));
        SchemaStep.run(all.toArray(String[]::new));
    }

    private List<String> databaseArguments() {
        return List.of("--DAYSHIFT_DB_URL=" + postgres.getJdbcUrl(DATABASE, USER),
                "--DAYSHIFT_DB_USER=" + USER,
                "--DAYSHIFT_DB_PASSWORD=" + PASSWORD);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        postgres.close();
    }

    /** A connection to the service's database, as the service's user. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl(DATABASE, USER), USER, PASSWORD);
    }

    /** The service on the database, on a free port unless the arguments name one, with the given further arguments ({@code --name=value}). */
    public ConfigurableApplicationContext start(String... arguments) {
        List<String> all = new ArrayList<>(databaseArguments());
        all.add("--DAYSHIFT_ADMIN_PASSWORD=" + ADMIN_PASSWORD);
        if (List.of(arguments).stream().noneMatch(argument -> argument.startsWith("--server.port="))) {
            all.add("--server.port=0");
        }
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(DayshiftApplication.class).profiles("postgres").run(all.toArray(String[]::new));
    }
}
