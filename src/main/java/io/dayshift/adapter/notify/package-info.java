/**
 * The notification adapter: {@link io.dayshift.notify.Notifier} over a Slack-compatible incoming webhook
 * ({@code java.net.http.HttpClient}, URL read from {@code dayshift.sites.<site>.notify.chat-webhook}, a {@code file:…}
 * or {@code env:…} secret, never logged) and over SMTP (Spring's {@code JavaMailSender}, {@code spring.mail.*}, to
 * {@code dayshift.sites.<site>.notify.email-to}). Channels run in parallel; a failure or a channel still busy after
 * {@code send-timeout} becomes a not-delivered outcome, never an exception.
 *
 * <table>
 * <caption>Settings, {@code dayshift.adapters.notify.*}</caption>
 * <tr><th>Key</th><th>Default</th><th>Meaning</th></tr>
 * <tr><td>from</td><td>(none)</td><td>sender address of notification mail</td></tr>
 * <tr><td>webhook-connect-timeout</td><td>5s</td><td>TCP/TLS connect of the chat webhook</td></tr>
 * <tr><td>webhook-request-timeout</td><td>10s</td><td>whole chat webhook request</td></tr>
 * <tr><td>smtp-connect-timeout</td><td>10s</td><td>SMTP connect; JavaMail's own default is none</td></tr>
 * <tr><td>smtp-timeout</td><td>20s</td><td>SMTP read and write timeout per command</td></tr>
 * <tr><td>send-timeout</td><td>60s</td><td>longest a notification holds its caller, all channels together</td></tr>
 * </table>
 */
package io.dayshift.adapter.notify;
