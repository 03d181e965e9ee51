package io.dayshift.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker/compose.yaml} starts a service that works as deployed: the settings it cannot do without must be given,
 * and the schema step runs before it. {@code docker/compose.cluster.yaml} is a cluster: the schema step once, nodes of
 * their own identities that wait for it, and a proxy with sticky sessions that knows every node.
 */
class ComposeFileTest {

    @Test
    @SuppressWarnings("unchecked")
    void theServiceRequiresTheAlertTokenAndItsPublicAddress() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/compose.yaml")));
        Map<String, Object> dayshift = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("dayshift");
        Map<String, String> environment = (Map<String, String>) dayshift.get("environment");

        // without the token the alert intake answers 503; without the address every link in a notification points to localhost
        assertThat(environment.get("DAYSHIFT_ALERTS_TOKEN")).startsWith("${DAYSHIFT_ALERTS_TOKEN:?");
        assertThat(environment.get("DAYSHIFT_PUBLIC_URL")).startsWith("${DAYSHIFT_PUBLIC_URL:?");
        assertThat(environment.get("SPRING_PROFILES_ACTIVE")).isEqualTo("postgres");
        assertThat(waitsForTheSchemaStep(dayshift)).isTrue();
        assertThat(runsTheSchemaStep(service(compose, "schema"))).isTrue();
    }

    @Test
    void theClusterRunsTheSchemaStepOnceAndTwoNodesOfTheirOwnBehindAStickyProxy() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/compose.cluster.yaml")));
        assertThat(runsTheSchemaStep(service(compose, "schema"))).isTrue();

        List<String> nodes = List.of("dayshift-1", "dayshift-2");
        Set<String> identities = new HashSet<>();
        for (String node : nodes) {
            Map<String, Object> service = service(compose, node);
            Map<String, String> environment = environment(service);
            assertThat(waitsForTheSchemaStep(service)).as(node).isTrue();
            assertThat(environment.get("SPRING_PROFILES_ACTIVE")).as(node).isEqualTo("postgres");
            assertThat(environment.get("DAYSHIFT_ALERTS_TOKEN")).as(node).startsWith("${DAYSHIFT_ALERTS_TOKEN:?");
            assertThat(environment.get("DAYSHIFT_PUBLIC_URL")).as(node).startsWith("${DAYSHIFT_PUBLIC_URL:?");
            assertThat(service).as(node + " is reached through the proxy only").doesNotContainKey("ports");
            identities.add(environment.get("DAYSHIFT_NODE_ID"));
        }
        assertThat(identities).as("every node its own identity").doesNotContainNull().hasSize(nodes.size());

        String proxy = Files.readString(Path.of("docker/haproxy.cfg"));
        assertThat(proxy).contains("cookie DAYSHIFT_NODE insert");
        for (String node : nodes) {
            assertThat(proxy).contains("server " + node + " " + node + ":8080 cookie " + node);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        return (Map<String, String>) service.get("environment");
    }

    @SuppressWarnings("unchecked")
    private static boolean waitsForTheSchemaStep(Map<String, Object> service) {
        Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
        return dependsOn != null && dependsOn.containsKey("schema")
                && "service_completed_successfully".equals(dependsOn.get("schema").get("condition"));
    }

    private static boolean runsTheSchemaStep(Map<String, Object> service) {
        return service != null && List.of(SchemaStep.COMMAND).equals(service.get("command"))
                && "postgres".equals(environment(service).get("SPRING_PROFILES_ACTIVE"));
    }
}
