package io.dayshift.adapter.notify;

import io.dayshift.notify.ChannelOutcome;
import io.dayshift.notify.Notification;
import io.dayshift.notify.NotificationResult;
import io.dayshift.notify.Notifier;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends over every channel the site has, in parallel, and waits at most {@code send-timeout} for all of them. A channel
 * that fails, or is still busy at the deadline, becomes a failed outcome and a WARN line naming site and channel; the
 * caller never sees an exception from a channel.
 */
final class FanOutNotifier implements Notifier, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FanOutNotifier.class);

    private final List<NotificationChannel> channels;
    private final Secrets secrets;
    private final Duration sendTimeout;
    private final ExecutorService executor;

    FanOutNotifier(List<NotificationChannel> channels, Secrets secrets, Duration sendTimeout) {
        this.channels = List.copyOf(channels);
        this.secrets = secrets;
        this.sendTimeout = sendTimeout;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "dayshift-notify-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public NotificationResult notify(Site site, Notification notification) {
        Map<NotificationChannel, CompletableFuture<Void>> running = new LinkedHashMap<>();
        for (NotificationChannel channel : channels) {
            if (channel.configuredFor(site)) {
                running.put(channel, CompletableFuture.runAsync(() -> channel.send(site, notification), executor));
            }
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        List<ChannelOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<NotificationChannel, CompletableFuture<Void>> entry : running.entrySet()) {
            outcomes.add(outcome(site, entry.getKey(), entry.getValue(), deadline));
        }
        return new NotificationResult(outcomes);
    }

    private ChannelOutcome outcome(Site site, NotificationChannel channel, CompletableFuture<Void> sending, long deadline) {
        String failure;
        try {
            sending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            LOG.info("site {}: {} notification sent", site.name(), channel.channel());
            return ChannelOutcome.delivered(channel.channel());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            failure = cause instanceof NotificationFailedException
                    ? cause.getMessage()
                    : "site " + site.name() + ": " + channel.channel() + " notification failed (" + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
        } catch (TimeoutException e) {
            sending.cancel(true);
            failure = "site " + site.name() + ": " + channel.channel() + " notification still not sent after "
                    + sendTimeout.toString().substring(2).toLowerCase() + " (dayshift.adapters.notify.send-timeout)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sending.cancel(true);
            failure = "site " + site.name() + ": interrupted while sending the " + channel.channel() + " notification";
        }
        String redacted = secrets.redact(failure);
        LOG.warn("site {}: {} notification NOT sent: {}", site.name(), channel.channel(), redacted);
        return ChannelOutcome.failed(channel.channel(), redacted);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
