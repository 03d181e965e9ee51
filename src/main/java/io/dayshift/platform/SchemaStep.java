package io.dayshift.platform;

import java.util.Map;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explicit schema step, {@code java -jar dayshift.jar schema}: with the service's own configuration (database
 * settings, profile), it creates or updates the database schema — the engine's tables, then every one of Dayshift's own
 * tables — and exits; run it once per release before the nodes start (README, "The database schema"). It starts the
 * service as a {@link OneOffCommand} (no web server, job executor, process deployment, node identity or user set-up; also
 * profile {@value #PROFILE}), so it changes the schema and nothing else. A failure ends it with the reason and a non-zero status.
 */
public final class SchemaStep {

    /** The first argument that runs the step instead of the service. */
    public static final String COMMAND = "schema";
    /** Active while the step runs (with {@link OneOffCommand#PROFILE}, which leaves out the beans of a running node). */
    public static final String PROFILE = "schema-step";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaStep.class);

    private SchemaStep() {
    }

    /** Runs the step with the service's further arguments ({@code --name=value}); throws if the schema could not be made ready. */
    public static void run(String... arguments) {
        OneOffCommand.run("schema step", Map.of(DatabaseSchema.SETTING, "create"), new String[] {PROFILE}, arguments, context -> {
            LOG.info("Database schema ready: engine tables at {}, Dayshift's tables complete; nodes may start",
                    ProductPropertiesUtil.getProductVersion());
            return null;
        });
    }
}
