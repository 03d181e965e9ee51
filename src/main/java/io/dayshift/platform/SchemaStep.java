package io.dayshift.platform;

import io.dayshift.DayshiftApplication;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The explicit schema step, {@code java -jar dayshift.jar schema}: with the service's own configuration (database
 * settings, profile), it creates or updates the database schema — the engine's tables, then every one of Dayshift's own
 * tables — and exits; run it once per release before the nodes start (README, "The database schema"). It starts the
 * service without its web server, job executor, process deployment, node identity or user set-up (profile
 * {@value #PROFILE}), so it changes the schema and nothing else. A failure ends it with the reason and a non-zero status.
 */
public final class SchemaStep {

    /** The first argument that runs the step instead of the service. */
    public static final String COMMAND = "schema";
    /** Active while the step runs: beans that belong to a running node only are left out. */
    public static final String PROFILE = "schema-step";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaStep.class);

    /** Forced over any configuration: what makes the start a schema step. */
    private static final Map<String, Object> STEP = Map.of(
            DatabaseSchema.SETTING, "create",
            "camunda.bpm.job-execution.enabled", "false",
            "camunda.bpm.auto-deployment-enabled", "false",
            "dayshift.lab.enabled", "false",
            // the REST API and the webapps register themselves whether or not there is a web server
            "spring.autoconfigure.exclude", "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
                    + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration");

    private SchemaStep() {
    }

    /** Runs the step with the service's further arguments ({@code --name=value}); throws if the schema could not be made ready. */
    public static void run(String... arguments) {
        SpringApplicationBuilder step = new SpringApplicationBuilder(DayshiftApplication.class)
                .web(WebApplicationType.NONE)
                .profiles(PROFILE)
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("schema step", STEP)));
        try (ConfigurableApplicationContext ignored = step.run(arguments)) {
            LOG.info("Database schema ready: engine tables at {}, Dayshift's tables complete; nodes may start",
                    ProductPropertiesUtil.getProductVersion());
        }
    }
}
