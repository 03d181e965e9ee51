package io.dayshift.adapter.kolla;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.adapter.ssh.SshAdapterConfiguration;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.platform.BlockingTimeout;
import io.dayshift.platform.BlockingTimeouts;
import io.dayshift.evidence.Journal;
import io.dayshift.site.Secrets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code dayshift.adapters.kolla.*}: defaults, binding, refusals, and what the adapter declares to the job-lock guard. */
class KollaAdapterConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(SshAdapterConfiguration.class, KollaAdapterConfiguration.class)
            .withBean(Secrets.class, Secrets::new)
            .withBean(Journal.class, () -> call -> { });

    @Test
    void defaults() {
        context.run(ctx -> {
            assertThat(ctx).hasSingleBean(KollaDeployer.class);
            assertThat(ctx.getBean(KollaProperties.class)).isEqualTo(KollaProperties.defaults());
            assertThat(ctx.getBean(KollaProperties.class).runDirectory()).isEqualTo("/var/tmp/dayshift/kolla-runs");
            assertThat(ctx.getBean(BlockingTimeouts.class).blockingTimeouts())
                    .containsExactly(new BlockingTimeout("dayshift.adapters.kolla.file-timeout", Duration.ofMinutes(2)));
        });
    }

    @Test
    void bindsSettings() {
        context.withPropertyValues("dayshift.adapters.kolla.run-directory=/home/deploy/dayshift-runs/", "dayshift.adapters.kolla.file-timeout=90s")
                .run(ctx -> {
                    assertThat(ctx.getBean(KollaProperties.class).runDirectory()).isEqualTo("/home/deploy/dayshift-runs/");
                    assertThat(ctx.getBean(BlockingTimeouts.class).blockingTimeouts().get(0).longest()).isEqualTo(Duration.ofSeconds(90));
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"runs", "/", "///", "/tmp/a b", "/tmp/$(touch x)", "/tmp/../etc", "~/runs"})
    void refusesARunDirectoryThatIsNotAPlainAbsolutePath(String directory) {
        context.withPropertyValues("dayshift.adapters.kolla.run-directory=" + directory)
                .run(ctx -> assertThat(ctx).getFailure().hasStackTraceContaining("dayshift.adapters.kolla.run-directory must be an absolute path"));
    }
}
