package io.dayshift.platform;

import io.dayshift.DayshiftApplication;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A command that runs once with the service's own configuration (database settings, profile) and exits, instead of
 * starting a node: the schema step ({@link SchemaStep}), the evidence check ({@code verify-evidence}). The service's
 * beans start without web server, job executor, process deployment or lab; beans that belong to a running node only
 * (giving back this node's job locks, setting up users) are left out (profile {@value #PROFILE}).
 */
public final class OneOffCommand {

    /** Active while a one-off command runs. */
    public static final String PROFILE = "one-off-command";

    /** Forced over any configuration: what makes a start a one-off command. */
    private static final Map<String, Object> NOT_A_NODE = Map.of(
            "camunda.bpm.job-execution.enabled", "false",
            "camunda.bpm.auto-deployment-enabled", "false",
            "dayshift.lab.enabled", "false",
            // the REST API and the webapps register themselves whether or not there is a web server
            "spring.autoconfigure.exclude", "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
                    + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration");

    private OneOffCommand() {
    }

    /**
     * Starts the service's beans with {@code settings} forced and the further {@code profiles} active, gives them to
     * {@code command}, closes them and returns what it returned.
     */
    public static <T> T run(String name, Map<String, Object> settings, String[] profiles, String[] arguments,
                            Function<ConfigurableApplicationContext, T> command) {
        Map<String, Object> forced = new HashMap<>(NOT_A_NODE);
        forced.putAll(settings);
        String[] active = new String[profiles.length + 1];
        active[0] = PROFILE;
        System.arraycopy(profiles, 0, active, 1, profiles.length);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(DayshiftApplication.class)
                .web(WebApplicationType.NONE)
                .profiles(active)
                .initializers(context -> context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(name, forced)));
        try (ConfigurableApplicationContext context = builder.run(arguments)) {
            return command.apply(context);
        }
    }
}
