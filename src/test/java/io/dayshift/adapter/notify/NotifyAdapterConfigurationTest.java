package io.dayshift.adapter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.dayshift.notify.Channel;
import io.dayshift.notify.ChannelOutcome;
import io.dayshift.notify.Notification;
import io.dayshift.notify.Notifier;
import io.dayshift.notify.Severity;
import io.dayshift.platform.BlockingTimeout;
import io.dayshift.platform.BlockingTimeouts;
import io.dayshift.site.Site;
import io.dayshift.site.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class NotifyAdapterConfigurationTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, MailSenderAutoConfiguration.class))
            .withUserConfiguration(NotifyAdapterConfiguration.class)
            .withBean(Secrets.class, Secrets::new);

    @Test
    void defaults() {
        context.run(ctx -> {
            assertThat(ctx).hasSingleBean(Notifier.class).doesNotHaveBean(JavaMailSender.class);
            NotifyProperties properties = ctx.getBean(NotifyProperties.class);
            assertThat(properties).isEqualTo(NotifyProperties.defaults());
            assertThat(properties.from()).isNull();
            assertThat(properties.sendTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(ctx.getBeansOfType(BlockingTimeouts.class).values()).flatExtracting(BlockingTimeouts::blockingTimeouts)
                    .containsExactly(new BlockingTimeout("dayshift.adapters.notify.send-timeout", Duration.ofSeconds(60)));
        });
    }

    @Test
    void bindsSettings() {
        context.withPropertyValues(
                        "dayshift.adapters.notify.from=dayshift@ops.example.org",
                        "dayshift.adapters.notify.webhook-connect-timeout=2s",
                        "dayshift.adapters.notify.webhook-request-timeout=7s",
                        "dayshift.adapters.notify.smtp-connect-timeout=3s",
                        "dayshift.adapters.notify.smtp-timeout=9s",
                        "dayshift.adapters.notify.send-timeout=40s")
                .run(ctx -> assertThat(ctx.getBean(NotifyProperties.class)).isEqualTo(new NotifyProperties("dayshift@ops.example.org",
                        Duration.ofSeconds(2), Duration.ofSeconds(7), Duration.ofSeconds(3), Duration.ofSeconds(9), Duration.ofSeconds(40))));
    }

    @Test
    void rejectsInvalidSettingsAtStartup() {
        context.withPropertyValues("dayshift.adapters.notify.send-timeout=0s")
                .run(ctx -> assertThat(ctx).getFailure().hasStackTraceContaining("send-timeout must be a positive duration"));
        context.withPropertyValues("dayshift.adapters.notify.from=Dayshift <dayshift@ops.example.org>")
                .run(ctx -> assertThat(ctx).getFailure().hasStackTraceContaining("dayshift.adapters.notify.from must be a plain mail address"));
    }

    /** spring.mail.* as an operator writes it: the notifier uses Boot's sender, with our timeouts, and the mail arrives. */
    @Test
    void sendsThroughSpringMailSettings() {
        context.withPropertyValues(
                        "spring.mail.host=127.0.0.1",
                        "spring.mail.port=" + SMTP.getSmtp().getPort(),
                        "dayshift.adapters.notify.from=dayshift@ops.example.org",
                        "dayshift.adapters.notify.smtp-connect-timeout=4s")
                .run(ctx -> {
                    JavaMailSenderImpl sender = (JavaMailSenderImpl) ctx.getBean(JavaMailSender.class);
                    assertThat(sender.getJavaMailProperties()).containsEntry("mail.smtp.connectiontimeout", "4000");

                    Site site = ChatWebhookNotifierTest.site("prod-east", new Site.Notify(null, List.of("oncall@ops.example.org")));
                    List<ChannelOutcome> outcomes = ctx.getBean(Notifier.class)
                            .notify(site, new Notification("Test", "hello", Severity.INFO, Optional.empty())).outcomes();

                    assertThat(outcomes).containsExactly(ChannelOutcome.delivered(Channel.EMAIL));
                    assertThat(SMTP.getReceivedMessages()).singleElement().satisfies(m -> assertThat(m.getSubject()).isEqualTo("[INFO] Test"));
                });
    }

    /** The SMTP password is a secret too: known to the redaction from the start. */
    @Test
    void theSmtpPasswordIsRedacted() {
        context.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.username=dayshift", "spring.mail.password=SmtpPassw0rdSecret")
                .run(ctx -> {
                    ctx.getBean(Notifier.class);
                    assertThat(ctx.getBean(Secrets.class).redact("AUTH failed for SmtpPassw0rdSecret")).isEqualTo("AUTH failed for ****");
                });
    }
}
