package io.dayshift.adapter.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.adapter.juju.JujuAdapterConfiguration;
import io.dayshift.adapter.kolla.KollaAdapterConfiguration;
import io.dayshift.charm.CharmModel;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.shell.RemoteShell;
import io.dayshift.evidence.Journal;
import io.dayshift.site.Secrets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The three shell-based adapters wire up with their settings' defaults, and bad settings stop the start. */
class AdapterConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(SshAdapterConfiguration.class, JujuAdapterConfiguration.class, KollaAdapterConfiguration.class)
            .withBean(Secrets.class, Secrets::new)
            .withBean(Journal.class, () -> call -> { });

    @Test
    void wiresThePortsWithDefaults() {
        context.run(ctx -> {
            assertThat(ctx).hasSingleBean(RemoteShell.class).hasSingleBean(CharmModel.class).hasSingleBean(KollaDeployer.class);
            SshProperties ssh = ctx.getBean(SshProperties.class);
            assertThat(ssh.connectTimeout()).isEqualTo(Duration.ofSeconds(15));
            assertThat(ssh.maxOutputBytes()).isEqualTo(4 * 1024 * 1024);
        });
    }

    @Test
    void bindsSettings() {
        context.withPropertyValues("dayshift.adapters.ssh.connect-timeout=3s", "dayshift.adapters.ssh.max-output-bytes=65536")
                .run(ctx -> {
                    assertThat(ctx.getBean(SshProperties.class).connectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(ctx.getBean(SshProperties.class).maxOutputBytes()).isEqualTo(65536);
                });
    }

    @Test
    void refusesAnOutputBoundTooSmallToBeEvidence() {
        context.withPropertyValues("dayshift.adapters.ssh.max-output-bytes=10")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause().hasMessageContaining("maxOutputBytes"));
    }

    @Test
    void refusesAnEmptyJujuExecutable() {
        context.withPropertyValues("dayshift.adapters.juju.executable=")
                .run(ctx -> assertThat(ctx).hasFailed());
    }
}
