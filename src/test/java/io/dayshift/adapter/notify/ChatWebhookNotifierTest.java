package io.dayshift.adapter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dayshift.notify.Channel;
import io.dayshift.notify.ChannelOutcome;
import io.dayshift.notify.Notification;
import io.dayshift.notify.NotificationResult;
import io.dayshift.notify.Notifier;
import io.dayshift.notify.Severity;
import io.dayshift.site.Flavour;
import io.dayshift.site.SecretRef;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The chat channel against a real HTTP server in the test JVM that answers like a Slack incoming webhook. */
@ExtendWith(OutputCaptureExtension.class)
class ChatWebhookNotifierTest {

    /** Like a real Slack webhook path: the last two parts are the token. */
    private static final String TOKEN_PATH = "/services/T0DAYSHIFT/B0NOTIFY/Xk7secretWebhookToken42";

    private final ObjectMapper json = new ObjectMapper();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    record Received(String method, String path, String contentType, String body) {
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String start(int status, String answer) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            byte[] bytes = answer.replace("{path}", exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + TOKEN_PATH;
    }

    private static Notifier notifier(String webhookUrl) {
        Secrets secrets = new Secrets(Map.of("DAYSHIFT_TEST_WEBHOOK", webhookUrl)::get);
        return NotifyAdapterConfiguration.create(NotifyProperties.defaults(), secrets, Optional.empty());
    }

    static Site site(String name, Site.Notify notify) {
        return new Site(name, Flavour.KOLLA, false, null, null, null, null, Map.of(), null, notify);
    }

    private static Site chatSite() {
        return site("prod-east", new Site.Notify(SecretRef.parse("env:DAYSHIFT_TEST_WEBHOOK"), List.of()));
    }

    private static final Notification INCIDENT = new Notification("Compute host cmp07 down",
            "nova-compute on cmp07 stopped reporting; 41 instances affected. Check <ipmi> & power.",
            Severity.SEV1, Optional.of(URI.create("https://dayshift.example.org/camunda/app/cockpit/default/#/process-instance/4711/runtime")));

    @Test
    void postsSlackJsonToTheWebhook() throws Exception {
        String url = start(200, "ok");

        NotificationResult result = notifier(url).notify(chatSite(), INCIDENT);

        assertThat(result.outcomes()).containsExactly(ChannelOutcome.delivered(Channel.CHAT));
        assertThat(result.allDelivered()).isTrue();
        assertThat(received).hasSize(1);
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(TOKEN_PATH);
        assertThat(request.contentType()).startsWith("application/json");
        JsonNode body = json.readTree(request.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("text");
        assertThat(body.get("text").asText()).isEqualTo("*[SEV1] Compute host cmp07 down*\n"
                + "nova-compute on cmp07 stopped reporting; 41 instances affected. Check &lt;ipmi&gt; &amp; power.\n"
                + "<https://dayshift.example.org/camunda/app/cockpit/default/#/process-instance/4711/runtime|Open the incident in Cockpit>");
    }

    @Test
    void withoutLinkOrTextOnlyTheHeadline() throws Exception {
        String url = start(200, "ok");

        notifier(url).notify(chatSite(), new Notification("Health check passed", "", Severity.INFO, Optional.empty()));

        assertThat(json.readTree(received.get(0).body()).get("text").asText()).isEqualTo("*[INFO] Health check passed*");
    }

    @Test
    void anErrorAnswerIsAFailedOutcomeNotAnException(CapturedOutput output) {
        String url = start(500, "internal error");

        NotificationResult result = notifier(url).notify(chatSite(), INCIDENT);

        assertThat(result.allDelivered()).isFalse();
        assertThat(result.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.channel()).isEqualTo(Channel.CHAT);
            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.detail()).contains("prod-east", "chat webhook", "HTTP 500", "internal error");
        });
        assertThat(output.getAll()).contains("site prod-east: CHAT notification NOT sent", "HTTP 500");
    }

    @Test
    void slacksRefusalReasonIsReported() {
        String url = start(403, "invalid_token");

        ChannelOutcome outcome = notifier(url).notify(chatSite(), INCIDENT).outcomes().get(0);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.detail()).contains("HTTP 403: invalid_token");
    }

    @Test
    void aClosedPortIsAFailedOutcomeNotAnException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + TOKEN_PATH;

        NotificationResult result = notifier(url).notify(chatSite(), INCIDENT);

        assertThat(result.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.detail()).contains("prod-east", "could not be reached", "ConnectException");
        });
    }

    /** A proxy in front of the chat service that quotes the request (URL and path) in its error page. */
    @Test
    void theWebhookUrlAppearsInNoLogAndNoMessage(CapturedOutput output) throws IOException {
        String url = start(502, "Bad gateway for http://127.0.0.1{path} (path {path})");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String closedUrl = "http://127.0.0.1:" + closedPort + TOKEN_PATH;

        ChannelOutcome echoed = notifier(url).notify(chatSite(), INCIDENT).outcomes().get(0);
        ChannelOutcome refused = notifier(closedUrl).notify(chatSite(), INCIDENT).outcomes().get(0);

        assertThat(received).hasSize(1); // the proxy did quote the path
        for (ChannelOutcome outcome : List.of(echoed, refused)) {
            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.detail()).doesNotContain("Xk7secretWebhookToken42", "B0NOTIFY", TOKEN_PATH, url, closedUrl);
        }
        assertThat(echoed.detail()).contains("HTTP 502", "****");
        assertThat(output.getAll()).contains("CHAT notification NOT sent")
                .doesNotContain("Xk7secretWebhookToken42", "B0NOTIFY", "T0DAYSHIFT");
    }

    @Test
    void anUnreadableSecretIsAFailedOutcomeNamingTheReference() {
        Notifier notifier = NotifyAdapterConfiguration.create(NotifyProperties.defaults(), new Secrets(name -> null), Optional.empty());

        ChannelOutcome outcome = notifier.notify(chatSite(), INCIDENT).outcomes().get(0);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.detail()).contains("env:DAYSHIFT_TEST_WEBHOOK", "not set");
    }

    @Test
    void aSlowWebhookIsCutOffAtTheSendTimeout() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + TOKEN_PATH;
        NotifyProperties shortDeadline = new NotifyProperties(null, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofMillis(300));
        Notifier notifier = NotifyAdapterConfiguration.create(shortDeadline,
                new Secrets(Map.of("DAYSHIFT_TEST_WEBHOOK", url)::get), Optional.empty());

        ChannelOutcome outcome = notifier.notify(chatSite(), INCIDENT).outcomes().get(0);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.detail()).contains("prod-east", "CHAT", "dayshift.adapters.notify.send-timeout");
    }
}
