package io.dayshift.adapter.notify;

import io.dayshift.notify.Channel;
import io.dayshift.notify.Notification;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import java.util.List;
import java.util.Optional;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends a plain-text mail to the site's {@code email-to} through Spring's {@link JavaMailSender} (the SMTP server is
 * {@code spring.mail.*}); subject {@code [SEV1] subject}, the text, and the Cockpit link on a line of its own.
 */
final class SmtpMailChannel implements NotificationChannel {

    private final Optional<JavaMailSender> sender;
    private final Secrets secrets;
    private final NotifyProperties properties;

    SmtpMailChannel(Optional<JavaMailSender> sender, Secrets secrets, NotifyProperties properties) {
        this.sender = sender;
        this.secrets = secrets;
        this.properties = properties;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean configuredFor(Site site) {
        return Optional.ofNullable(site.notifications()).map(n -> !n.emailTo().isEmpty()).orElse(false);
    }

    @Override
    public void send(Site site, Notification notification) {
        List<String> to = Optional.ofNullable(site.notifications()).map(Site.Notify::emailTo).orElse(List.of());
        if (sender.isEmpty()) {
            throw new NotificationFailedException("site " + site.name() + ": mail is not set up (spring.mail.host is not set)");
        }
        if (properties.from() == null) {
            throw new NotificationFailedException("site " + site.name() + ": mail is not set up (dayshift.adapters.notify.from is not set)");
        }
        try {
            sender.get().send(message(to, notification));
        } catch (MailException e) {
            throw new NotificationFailedException("site " + site.name() + ": mail to " + String.join(", ", to) + " was not accepted ("
                    + e.getClass().getSimpleName() + reason(e) + ")");
        }
    }

    SimpleMailMessage message(List<String> to, Notification notification) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(to.toArray(String[]::new));
        message.setSubject(notification.headline());
        StringBuilder text = new StringBuilder(notification.text());
        notification.link().ifPresent(link -> text.append(text.isEmpty() ? "" : "\n\n").append("Incident: ").append(link));
        text.append("\n\n-- \nSent by Dayshift (severity ").append(notification.severity()).append(")\n");
        message.setText(text.toString());
        return message;
    }

    /** The innermost cause's message, one line, redacted: "Connection refused", "550 mailbox unavailable". */
    private String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage();
        if (text == null || text.isBlank()) {
            return "";
        }
        String oneLine = secrets.redact(text.strip()).replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine);
    }
}
