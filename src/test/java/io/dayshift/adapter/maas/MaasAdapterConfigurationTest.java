package io.dayshift.adapter.maas;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.machine.MachineProvisioner;
import io.dayshift.evidence.Journal;
import io.dayshift.site.Secrets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MaasAdapterConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(MaasAdapterConfiguration.class)
            .withBean(Secrets.class, Secrets::new)
            .withBean(Journal.class, () -> call -> { });

    @Test
    void defaults() {
        context.run(ctx -> {
            assertThat(ctx).hasSingleBean(MachineProvisioner.class);
            MaasProperties properties = ctx.getBean(MaasProperties.class);
            assertThat(properties).isEqualTo(MaasProperties.defaults());
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(75));
            assertThat(properties.maxAttempts()).isEqualTo(3);
        });
    }

    /** The application scans for configuration properties too: the record must still be bound once. */
    @ConfigurationPropertiesScan("io.dayshift.adapter.maas")
    static class ScanningApplication {
    }

    @Test
    void coexistsWithTheApplicationsPropertiesScan() {
        context.withUserConfiguration(ScanningApplication.class)
                .withPropertyValues("dayshift.adapters.maas.max-attempts=4")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(MaasProperties.class);
                    assertThat(ctx.getBean(MaasProperties.class).maxAttempts()).isEqualTo(4);
                });
    }

    @Test
    void bindsSettings() {
        context.withPropertyValues(
                        "dayshift.adapters.maas.connect-timeout=3s",
                        "dayshift.adapters.maas.request-timeout=90s",
                        "dayshift.adapters.maas.max-attempts=5",
                        "dayshift.adapters.maas.retry-backoff=500ms",
                        "dayshift.adapters.maas.max-retry-delay=5s",
                        "dayshift.adapters.maas.output-tail-chars=1000")
                .run(ctx -> assertThat(ctx.getBean(MaasProperties.class)).isEqualTo(new MaasProperties(
                        Duration.ofSeconds(3), Duration.ofSeconds(90), 5, Duration.ofMillis(500), Duration.ofSeconds(5), 1000)));
    }

    @Test
    void rejectsInvalidSettingsAtStartup() {
        context.withPropertyValues("dayshift.adapters.maas.request-timeout=0s")
                .run(ctx -> assertThat(ctx).getFailure().hasStackTraceContaining("request-timeout must be a positive duration"));
        context.withPropertyValues("dayshift.adapters.maas.max-attempts=0")
                .run(ctx -> assertThat(ctx).getFailure().hasStackTraceContaining("max-attempts"));
    }
}
