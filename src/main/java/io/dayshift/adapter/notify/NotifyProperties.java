package io.dayshift.adapter.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code dayshift.adapters.notify.*}: how notifications are sent (the same for every site; where they go is per site,
 * {@code dayshift.sites.<site>.notify}). The SMTP server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from                  the mail sender address; needed only when a site has {@code email-to}
 * @param webhookConnectTimeout TCP/TLS connect timeout of the chat webhook
 * @param webhookRequestTimeout whole-request timeout of the chat webhook
 * @param smtpConnectTimeout    SMTP connect timeout ({@code mail.smtp.connectiontimeout}; JavaMail's own default is none)
 * @param smtpTimeout           SMTP read timeout per command ({@code mail.smtp.timeout}) and write timeout ({@code mail.smtp.writetimeout})
 * @param sendTimeout           the longest a notification holds its caller, all channels together (they are sent in parallel);
 *                              a channel still busy then is reported as failed
 */
@Validated
@ConfigurationProperties("dayshift.adapters.notify")
record NotifyProperties(
        String from,
        @DefaultValue("5s") Duration webhookConnectTimeout,
        @DefaultValue("10s") Duration webhookRequestTimeout,
        @DefaultValue("10s") Duration smtpConnectTimeout,
        @DefaultValue("20s") Duration smtpTimeout,
        @DefaultValue("60s") Duration sendTimeout) {

    NotifyProperties {
        from = from == null || from.isBlank() ? null : from.strip();
        requirePositive("webhook-connect-timeout", webhookConnectTimeout);
        requirePositive("webhook-request-timeout", webhookRequestTimeout);
        requirePositive("smtp-connect-timeout", smtpConnectTimeout);
        requirePositive("smtp-timeout", smtpTimeout);
        requirePositive("send-timeout", sendTimeout);
        if (from != null && !from.matches("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+")) {
            throw new IllegalArgumentException("dayshift.adapters.notify.from must be a plain mail address (local@domain)");
        }
    }

    static NotifyProperties defaults() {
        return new NotifyProperties(null, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("dayshift.adapters.notify." + key + " must be a positive duration");
        }
    }
}
