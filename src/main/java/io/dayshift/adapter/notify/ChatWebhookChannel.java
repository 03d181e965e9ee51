package io.dayshift.adapter.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.notify.Channel;
import io.dayshift.notify.Notification;
import io.dayshift.site.SecretRef;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Posts to a Slack-compatible incoming webhook: {@code POST <url>} with {@code {"text": "…"}} as
 * {@code application/json}; Slack answers {@code 200 ok}, or 4xx with a short reason ({@code invalid_payload},
 * {@code invalid_token}, {@code no_service}, {@code channel_is_archived}). The URL carries the token, so it is read as a
 * secret for every message and never appears in a log line or a message: failures name only the host.
 */
final class ChatWebhookChannel implements NotificationChannel {

    private static final int MAX_REASON_CHARS = 200;

    private final HttpClient http;
    private final Secrets secrets;
    private final NotifyProperties properties;
    private final ObjectMapper json = new ObjectMapper();

    ChatWebhookChannel(HttpClient http, Secrets secrets, NotifyProperties properties) {
        this.http = http;
        this.secrets = secrets;
        this.properties = properties;
    }

    static HttpClient httpClient(NotifyProperties properties) {
        return HttpClient.newBuilder()
                .connectTimeout(properties.webhookConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Channel channel() {
        return Channel.CHAT;
    }

    @Override
    public boolean configuredFor(Site site) {
        return Optional.ofNullable(site.notifications()).map(n -> n.chatWebhook() != null).orElse(false);
    }

    @Override
    public void send(Site site, Notification notification) {
        SecretRef ref = Optional.ofNullable(site.notifications()).map(Site.Notify::chatWebhook)
                .orElseThrow(() -> new NotificationFailedException("site " + site.name() + ": no chat webhook configured"));
        URI url = webhookUrl(site, ref);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(properties.webhookRequestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body(notification), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NotificationFailedException("site " + site.name() + ": chat webhook at " + url.getHost()
                    + " could not be reached (" + e.getClass().getSimpleName() + reason(e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationFailedException("site " + site.name() + ": interrupted while posting to the chat webhook at " + url.getHost());
        }
        if (response.statusCode() / 100 != 2) {
            throw new NotificationFailedException("site " + site.name() + ": chat webhook at " + url.getHost()
                    + " answered HTTP " + response.statusCode() + reason(response.body()));
        }
    }

    /** The Slack message: the headline in bold, the text, and the link; {@code & < >} escaped as Slack requires. */
    String body(Notification notification) {
        StringBuilder text = new StringBuilder("*").append(escape(notification.headline())).append('*');
        if (!notification.text().isBlank()) {
            text.append('\n').append(escape(notification.text()));
        }
        notification.link().ifPresent(link -> text.append("\n<").append(link).append("|Open the incident in Cockpit>"));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", text.toString());
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chat message as JSON", e);
        }
    }

    private URI webhookUrl(Site site, SecretRef ref) {
        String value = secrets.read(ref);
        try {
            URI url = new URI(value);
            // The path and query hold the token; mask them on their own too (a message may quote just the path).
            secrets.remember(url.getRawPath());
            secrets.remember(url.getRawQuery());
            if (!("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme())) || url.getHost() == null) {
                throw new NotificationFailedException("site " + site.name() + ": the chat webhook read from " + ref + " is not an http(s) URL");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new NotificationFailedException("site " + site.name() + ": the chat webhook read from " + ref + " is not a valid URL");
        }
    }

    private String reason(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String oneLine = secrets.redact(text.strip()).replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > MAX_REASON_CHARS ? oneLine.substring(0, MAX_REASON_CHARS) + "…" : oneLine);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
