package io.dayshift.adapter.notify;

import io.dayshift.notify.Notifier;
import io.dayshift.platform.BlockingTimeout;
import io.dayshift.platform.BlockingTimeouts;
import io.dayshift.site.Secrets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Wires the notification channels: a chat webhook per site, mail through Spring Boot's {@link JavaMailSender}
 * ({@code spring.mail.*}; without {@code spring.mail.host} there is no sender and mail outcomes say so).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifyProperties.class)
public class NotifyAdapterConfiguration {

    @Bean
    Notifier notifier(NotifyProperties properties, Secrets secrets, ObjectProvider<JavaMailSender> mailSender,
            ObjectProvider<MailProperties> mail) {
        mail.ifAvailable(m -> secrets.remember(m.getPassword()));
        return create(properties, secrets, Optional.ofNullable(mailSender.getIfAvailable()));
    }

    /** The notifier waits for all channels, in parallel, at most send-timeout. */
    @Bean
    BlockingTimeouts notifyBlockingTimeouts(NotifyProperties properties) {
        return () -> List.of(new BlockingTimeout("dayshift.adapters.notify.send-timeout", properties.sendTimeout()));
    }

    static FanOutNotifier create(NotifyProperties properties, Secrets secrets, Optional<JavaMailSender> mailSender) {
        mailSender.ifPresent(sender -> applyTimeouts(sender, properties));
        return new FanOutNotifier(List.of(
                new ChatWebhookChannel(ChatWebhookChannel.httpClient(properties), secrets, properties),
                new SmtpMailChannel(mailSender, secrets, properties)),
                secrets, properties.sendTimeout());
    }

    /**
     * JavaMail waits forever by default on connect, read and write; sets our timeouts unless {@code spring.mail.properties}
     * already gives them.
     */
    static void applyTimeouts(JavaMailSender sender, NotifyProperties properties) {
        if (sender instanceof JavaMailSenderImpl impl) {
            Properties javaMail = impl.getJavaMailProperties();
            for (String protocol : List.of("smtp", "smtps")) {
                String prefix = "mail." + protocol + ".";
                javaMail.putIfAbsent(prefix + "connectiontimeout", String.valueOf(properties.smtpConnectTimeout().toMillis()));
                javaMail.putIfAbsent(prefix + "timeout", String.valueOf(properties.smtpTimeout().toMillis()));
                javaMail.putIfAbsent(prefix + "writetimeout", String.valueOf(properties.smtpTimeout().toMillis()));
            }
        }
    }
}
