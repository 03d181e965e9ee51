package io.dayshift.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.site.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without a configured token the webhook refuses every call with 503 (Alertmanager retries) and says why. */
class AlertIntakeOffTest {

    @Test
    void withoutATokenEveryCallIs503AndNamesTheSetting() {
        AlertmanagerWebhook webhook = new AlertmanagerWebhook(new AlertProperties("  ", List.of()), null, new ObjectMapper(), new Secrets());

        for (String authorization : new String[] {null, "Bearer ", "Bearer anything"}) {
            var response = webhook.receive(authorization, "{\"version\":\"4\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(response.getStatusCode().value()).isEqualTo(503);
            assertThat(response.getBody()).extractingByKey("error").asString()
                    .contains("dayshift.alerts.token", "DAYSHIFT_ALERTS_TOKEN");
        }
    }

    @Test
    void theTokenIsRedactedAndNotShownByTheSettings() {
        Secrets secrets = new Secrets();
        AlertProperties properties = new AlertProperties("s3cret-alert-token", List.of());
        new AlertmanagerWebhook(properties, null, new ObjectMapper(), secrets);

        assertThat(secrets.redact("Authorization: Bearer s3cret-alert-token")).doesNotContain("s3cret-alert-token");
        assertThat(properties.toString()).doesNotContain("s3cret-alert-token");
    }
}
