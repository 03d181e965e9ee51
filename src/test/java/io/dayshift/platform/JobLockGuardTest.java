package io.dayshift.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.adapter.juju.JujuAdapterConfiguration;
import io.dayshift.adapter.kolla.KollaAdapterConfiguration;
import io.dayshift.adapter.maas.MaasAdapterConfiguration;
import io.dayshift.adapter.ssh.SshAdapterConfiguration;
import io.dayshift.evidence.Journal;
import io.dayshift.site.Secrets;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** No blocking adapter call may outlast a job's lock: checked at start-up, with the application's own settings. */
class JobLockGuardTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void callsShorterThanTheLockByTheMarginPass() {
        assertThatCode(() -> JobLockGuard.check(HOUR, List.of(
                new BlockingTimeout("a.b", Duration.ofMinutes(54)),
                new BlockingTimeout("c.d", Duration.ofSeconds(75)))))
                .doesNotThrowAnyException();
        assertThatCode(() -> JobLockGuard.check(HOUR, List.of())).doesNotThrowAnyException();
    }

    @Test
    void aCallWithinTheMarginOfTheLockIsRefusedNamingBothSettings() {
        assertThatThrownBy(() -> JobLockGuard.check(HOUR, List.of(
                new BlockingTimeout("dayshift.adapters.kolla.file-timeout", Duration.ofMinutes(2)),
                new BlockingTimeout("dayshift.adapters.juju.backup-timeout", Duration.ofMinutes(55)))))
                .isInstanceOf(JobLockTooShortException.class)
                .hasMessageContaining("camunda.bpm.job-execution.lock-time-in-millis (3600000 ms = 1h)")
                .hasMessageContaining("dayshift.adapters.juju.backup-timeout allows 55m")
                .hasMessageNotContaining("file-timeout")
                .hasMessageContaining("runs twice")
                .hasMessageContaining("below 55m")
                .hasMessageContaining("DAYSHIFT_JOBS_LOCK_MILLIS) above 3600000 ms");
    }

    @Test
    void everyCallThatDoesNotFitIsNamedLongestFirst() {
        assertThatThrownBy(() -> JobLockGuard.check(Duration.ofMinutes(30), List.of(
                new BlockingTimeout("x.short", Duration.ofMinutes(26)),
                new BlockingTimeout("x.long", Duration.ofHours(2)))))
                .hasMessageContaining("x.long allows 2h\n  x.short allows 26m")
                .hasMessageContaining("above 7500000 ms");
    }

    // --- with the application's configuration and the real adapters ---

    @EnableConfigurationProperties(CamundaBpmProperties.class)
    static class CamundaSettings {
    }

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer()) // the shipped application.yml
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(CamundaSettings.class, SshAdapterConfiguration.class, JujuAdapterConfiguration.class, KollaAdapterConfiguration.class,
                    MaasAdapterConfiguration.class, JobLockGuard.class)
            .withBean(Secrets.class, Secrets::new)
            .withBean(Journal.class, () -> call -> { });

    @Test
    void theShippedDefaultsFitTheShippedLock() {
        application.run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(JobLockGuard.class);
            assertThat(ctx.getBean(CamundaBpmProperties.class).getJobExecution().getLockTimeInMillis()).isEqualTo(3_600_000);
            assertThat(ctx.getBeansOfType(BlockingTimeouts.class)).hasSize(3);
        });
    }

    @Test
    void aShorterLockStopsTheStartNamingTheLockAndTheSetting() {
        application.withPropertyValues("DAYSHIFT_JOBS_LOCK_MILLIS=1800000").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx).getFailure().rootCause()
                    .isInstanceOf(JobLockTooShortException.class)
                    .hasMessageContaining("camunda.bpm.job-execution.lock-time-in-millis (1800000 ms = 30m)")
                    .hasMessageContaining("dayshift.adapters.juju.backup-timeout (+ status-timeout for the size check after it) allows 47m")
                    .hasMessageContaining("dayshift.adapters.juju.action-timeout (+1m for the SSH call) allows 31m")
                    .hasMessageNotContaining("kolla");
            FailureAnalysis analysis = new JobLockFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(analysis.getDescription()).startsWith("camunda.bpm.job-execution.lock-time-in-millis");
        });
    }

    @Test
    void aLongerAdapterTimeoutStopsTheStart() {
        application.withPropertyValues("dayshift.adapters.kolla.file-timeout=58m").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("dayshift.adapters.kolla.file-timeout allows 58m")
                        .hasMessageContaining("3600000 ms"));
        application.withPropertyValues("dayshift.adapters.maas.request-timeout=20m").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("dayshift.adapters.maas.request-timeout (+ connect-timeout) × max-attempts")
                        .hasMessageContaining("allows 1h1m")); // 3 × (10s + 20m) + 2 × 15s
    }

    @Test
    void aLongerLockAllowsLongerCalls() {
        application.withPropertyValues("DAYSHIFT_JOBS_LOCK_MILLIS=7200000", "dayshift.adapters.juju.backup-timeout=90m")
                .run(ctx -> assertThat(ctx).hasNotFailed());
    }

    @Test
    void withoutTheSettingCamundasOwnFiveMinuteDefaultApplies() {
        new ApplicationContextRunner()
                .withUserConfiguration(CamundaSettings.class, KollaAdapterConfiguration.class, SshAdapterConfiguration.class, JobLockGuard.class)
                .withBean(Secrets.class, Secrets::new)
                .withBean(Journal.class, () -> call -> { })
                .run(ctx -> assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("(300000 ms = 5m)")
                        .hasMessageContaining("dayshift.adapters.kolla.file-timeout allows 2m"));
    }
}
