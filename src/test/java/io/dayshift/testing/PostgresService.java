package io.dayshift.testing;

import io.dayshift.DayshiftApplication;
import io.dayshift.platform.SchemaStep;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
 * the test restarts it. Register it as a static {@code @RegisterExtension} field.
 */
public final class PostgresService implements BeforeAllCallback, AfterAllCallback {

    private static final String DATABASE = "dayshift";
    private static final String USER = "dayshift";
    private static final String PASSWORD = "pg-test-password";

    private final boolean schemaStep;
    private EmbeddedPostgres postgres;

    public PostgresService() {
        this(true);
    }

    private PostgresService(boolean schemaStep) {
        this.schemaStep = schemaStep;
    }

    /** A database as the operator created it, before the schema step. */
    public static PostgresService withoutSchema() {
        return new PostgresService(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE USER " + USER + " WITH PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
        if (schemaStep) {
            schema();
        }
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
        all.add("--DAYSHIFT_ADMIN_PASSWORD=test-admin-password");
        if (List.of(arguments).stream().noneMatch(argument -> argument.startsWith("--server.port="))) {
            all.add("--server.port=0");
        }
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(DayshiftApplication.class).profiles("postgres").run(all.toArray(String[]::new));
    }
}
