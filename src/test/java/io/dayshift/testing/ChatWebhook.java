package io.dayshift.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Slack-compatible incoming webhook in the test JVM: it keeps every message it accepted, answers 500 when told to fail,
 * and holds every request without answering when told to hang (until told not to, at most a minute).
 * Its URL is in {@link #urlFile()}, for {@code dayshift.lab.notify.chat-webhook=file:…}.
 */
public final class ChatWebhook {

    private final HttpServer server;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<CountDownLatch> hang = new AtomicReference<>(new CountDownLatch(0));
    private final Path urlFile;

    private ChatWebhook(HttpServer server, Path urlFile) {
        this.server = server;
        this.urlFile = urlFile;
    }

    public static ChatWebhook start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Path file = Files.createTempFile("chat-webhook-", ".url");
            Files.writeString(file, "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/XXXX\n");
            ChatWebhook hook = new ChatWebhook(server, file);
            server.createContext("/services/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                CountDownLatch hang = hook.hang.get();
                boolean held = hang.getCount() > 0;
                try {
                    hang.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // a request held while hanging is not kept: its sender gave up long ago
                int answer = held ? 504 : hook.status.get();
                if (answer == 200) {
                    hook.messages.add(body);
                }
                byte[] reply = (answer == 200 ? "ok" : "internal_error").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer, reply.length);
                exchange.getResponseBody().write(reply);
                exchange.close();
            });
            server.setExecutor(Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "chat-webhook");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return hook;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path urlFile() {
        return urlFile;
    }

    /** The bodies of the messages accepted, oldest first. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    public void reset() {
        messages.clear();
        status.set(200);
        hanging(false);
    }

    /** Makes the webhook answer 500 (and keep nothing), or accept again. */
    public void failing(boolean failing) {
        status.set(failing ? 500 : 200);
    }

    /** Makes the webhook hold every request without answering, or answer again (releasing those it holds). */
    public void hanging(boolean hanging) {
        hang.getAndSet(new CountDownLatch(hanging ? 1 : 0)).countDown();
    }

    public void stop() {
        server.stop(0);
    }
}
