package io.dayshift.adapter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.dayshift.notify.Channel;
import io.dayshift.notify.ChannelOutcome;
import io.dayshift.notify.Notification;
import io.dayshift.notify.NotificationResult;
import io.dayshift.notify.Notifier;
import io.dayshift.notify.Severity;
import io.dayshift.site.SecretRef;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The mail channel against a real SMTP server in the test JVM (GreenMail). */
@ExtendWith(OutputCaptureExtension.class)
class SmtpMailNotifierTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final String FROM = "dayshift@ops.example.org";
    private static final List<String> ON_CALL = List.of("oncall@ops.example.org", "lead@ops.example.org");
    private static final Notification INCIDENT = new Notification("Compute host cmp07 down",
            "nova-compute on cmp07 stopped reporting; 41 instances affected.", Severity.SEV1,
            Optional.of(URI.create("https://dayshift.example.org/camunda/app/cockpit/default/#/process-instance/4711/runtime")));

    private static NotifyProperties properties(String from) {
        NotifyProperties d = NotifyProperties.defaults();
        return new NotifyProperties(from, d.webhookConnectTimeout(), d.webhookRequestTimeout(), d.smtpConnectTimeout(), d.smtpTimeout(),
                d.sendTimeout());
    }

    private static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        return sender;
    }

    private static Site mailSite() {
        return ChatWebhookNotifierTest.site("prod-east", new Site.Notify(null, ON_CALL));
    }

    @Test
    void theMailArrivesWithSubjectTextAndLink() throws Exception {
        Notifier notifier = NotifyAdapterConfiguration.create(properties(FROM), new Secrets(), Optional.of(sender(SMTP.getSmtp().getPort())));

        NotificationResult result = notifier.notify(mailSite(), INCIDENT);

        assertThat(result.outcomes()).containsExactly(ChannelOutcome.delivered(Channel.EMAIL));
        MimeMessage[] messages = SMTP.getReceivedMessages();
        assertThat(messages).hasSize(2); // one delivery per recipient
        MimeMessage mail = messages[0];
        assertThat(mail.getSubject()).isEqualTo("[SEV1] Compute host cmp07 down");
        assertThat(mail.getFrom()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly(FROM);
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(a -> ((InternetAddress) a).getAddress()))
                .containsExactlyElementsOf(ON_CALL);
        assertThat(mail.getContentType()).startsWith("text/plain");
        String body = GreenMailUtil.getBody(mail).replace("\r\n", "\n");
        assertThat(body).startsWith("nova-compute on cmp07 stopped reporting; 41 instances affected.\n\n"
                + "Incident: https://dayshift.example.org/camunda/app/cockpit/default/#/process-instance/4711/runtime\n");
    }

    @Test
    void smtpDownIsAFailedOutcomeNotAnException(CapturedOutput output) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Notifier notifier = NotifyAdapterConfiguration.create(properties(FROM), new Secrets(), Optional.of(sender(closedPort)));

        NotificationResult result = notifier.notify(mailSite(), INCIDENT);

        assertThat(result.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.channel()).isEqualTo(Channel.EMAIL);
            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.detail()).contains("prod-east", "oncall@ops.example.org", "not accepted", "Connection refused");
        });
        assertThat(output.getAll()).contains("site prod-east: EMAIL notification NOT sent");
    }

    @Test
    void withoutMailSettingsTheOutcomeNamesTheMissingSetting() {
        Notifier noHost = NotifyAdapterConfiguration.create(properties(FROM), new Secrets(), Optional.empty());
        Notifier noFrom = NotifyAdapterConfiguration.create(properties(null), new Secrets(), Optional.of(sender(SMTP.getSmtp().getPort())));

        assertThat(noHost.notify(mailSite(), INCIDENT).outcomes().get(0).detail()).contains("spring.mail.host");
        assertThat(noFrom.notify(mailSite(), INCIDENT).outcomes().get(0).detail()).contains("dayshift.adapters.notify.from");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void javaMailGetsTimeoutsItWouldOtherwiseLack() {
        JavaMailSenderImpl sender = sender(25);
        sender.getJavaMailProperties().put("mail.smtp.timeout", "1234");

        NotifyAdapterConfiguration.applyTimeouts(sender, properties(FROM));

        assertThat(sender.getJavaMailProperties())
                .containsEntry("mail.smtp.connectiontimeout", "10000")
                .containsEntry("mail.smtp.timeout", "1234") // spring.mail.properties wins
                .containsEntry("mail.smtp.writetimeout", "20000")
                .containsEntry("mail.smtps.connectiontimeout", "10000");
    }

    /** Chat down, mail up: the mail still goes out, and the result says which channel failed. */
    @Test
    void oneChannelDownDoesNotStopTheOther(CapturedOutput output) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String webhook = "http://127.0.0.1:" + closedPort + "/services/T0DAYSHIFT/B0NOTIFY/Xk7secretWebhookToken42";
        Secrets secrets = new Secrets(Map.of("DAYSHIFT_TEST_WEBHOOK", webhook)::get);
        Notifier notifier = NotifyAdapterConfiguration.create(properties(FROM), secrets, Optional.of(sender(SMTP.getSmtp().getPort())));
        Site both = ChatWebhookNotifierTest.site("prod-east", new Site.Notify(SecretRef.parse("env:DAYSHIFT_TEST_WEBHOOK"), ON_CALL));

        NotificationResult result = notifier.notify(both, INCIDENT);

        assertThat(result.outcomes()).extracting(ChannelOutcome::channel).containsExactly(Channel.CHAT, Channel.EMAIL);
        assertThat(result.outcomes()).extracting(ChannelOutcome::delivered).containsExactly(false, true);
        assertThat(result.anyDelivered()).isTrue();
        assertThat(result.failures()).singleElement().extracting(ChannelOutcome::channel).isEqualTo(Channel.CHAT);
        assertThat(SMTP.getReceivedMessages()).hasSize(2);
        assertThat(output.getAll()).doesNotContain("Xk7secretWebhookToken42");
    }

    @Test
    void aSiteWithoutNotifySettingsIsTriedOnNoChannel() {
        Notifier notifier = NotifyAdapterConfiguration.create(properties(FROM), new Secrets(), Optional.of(sender(SMTP.getSmtp().getPort())));

        NotificationResult result = notifier.notify(ChatWebhookNotifierTest.site("quiet", null), INCIDENT);

        assertThat(result.outcomes()).isEmpty();
        assertThat(result.anyDelivered()).isFalse();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }
}
