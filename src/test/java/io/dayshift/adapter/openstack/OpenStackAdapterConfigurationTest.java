package io.dayshift.adapter.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.evidence.Journal;
import io.dayshift.site.Secrets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class OpenStackAdapterConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(OpenStackAdapterConfiguration.class)
            .withBean(Secrets.class, Secrets::new)
            .withBean(Journal.class, () -> call -> { });

    @Test
    void providesBothPortsWithDefaultTimeouts() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ComputeCloud.class).hasSingleBean(CloudInventory.class);
            OpenStackProperties properties = context.getBean(OpenStackProperties.class);
            assertThat(properties).isEqualTo(OpenStackProperties.defaults());
            assertThat(properties.callTimeout()).isEqualTo(Duration.ofSeconds(120));
        });
    }

    @Test
    void bindsAndValidatesSettings() {
        runner.withPropertyValues("dayshift.adapters.openstack.call-timeout=30s", "dayshift.adapters.openstack.page-size=50")
                .run(context -> assertThat(context.getBean(OpenStackProperties.class))
                        .extracting(OpenStackProperties::callTimeout, OpenStackProperties::pageSize)
                        .containsExactly(Duration.ofSeconds(30), 50));
        runner.withPropertyValues("dayshift.adapters.openstack.page-size=0")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("pageSize"));
    }
}
