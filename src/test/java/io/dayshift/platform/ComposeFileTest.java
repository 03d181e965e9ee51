package io.dayshift.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** {@code docker/compose.yaml} starts a service that works as deployed: the settings it cannot do without must be given. */
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
    }
}
